"""Demo products from Khoái Châu's turmeric and chicken country and from Mỹ Hào."""

PRODUCTS = [
    {
        "key": "tinh-bot-nghe",
        "producer": "nghe-vang",
        "gtin": "08935303000018",
        "name_vi": "Tinh bột nghệ Chí Tân",
        "name_en": "Chí Tân tinh bột nghệ (turmeric starch)",
        "summary_vi": (
            "Tinh bột lọc từ củ nghệ vàng trồng trên đất bãi phù sa vùng Chí Tân, "
            "Khoái Châu: bột mịn, màu vàng tươi, thơm nhẹ, không pha trộn."
        ),
        "summary_en": (
            "Starch washed out of turmeric roots grown on the Red River silt of the "
            "Chí Tân area in Khoái Châu: a fine, bright yellow powder with a gentle "
            "aroma and nothing added."
        ),
        "story_vi": (
            "Dọc đê sông Hồng phía nam Khoái Châu, đất bãi vùng Chí Tân được phù sa "
            "bồi đắp hằng năm. Người dân ở đây trồng nghệ từ lâu đời; củ nghệ Chí Tân "
            "to, ruột vàng sẫm, nổi tiếng có hàm lượng curcumin cao, và đã được bảo "
            'hộ nhãn hiệu tập thể "Nghệ Chí Tân".\n\n'
            "Nghệ xuống giống từ tháng Giêng, tháng Hai, đến cuối năm mới đào. Công "
            "ty thu mua củ đủ tuổi của các hộ liên kết, đưa về xưởng rửa sạch, cạo "
            "vỏ, xay nhuyễn rồi lọc lấy nước cốt để lắng. Lớp nhựa và tinh dầu nổi "
            "bên trên được gạn bỏ; phần bột đọng dưới đáy được thay nước, lắng lại "
            "nhiều lần cho đến khi hết mùi hăng, rồi mới đem sấy ở nhiệt độ thấp và "
            "nghiền mịn.\n\n"
            "Khoảng 30 kg nghệ tươi mới được 1 kg tinh bột. Vì phần lớn nhựa và tinh "
            "dầu đã được loại bỏ, tinh bột nghệ có màu vàng sáng hơn bột nghệ thường, "
            "vị dịu, dễ pha."
        ),
        "story_en": (
            "Along the Red River dyke in the south of Khoái Châu, the riverside "
            "fields of the Chí Tân area are renewed with fresh silt every year. "
            "Turmeric has been grown here for generations: Chí Tân roots are large "
            "and deep yellow inside, known for their high curcumin content, and "
            'are protected by the collective mark "Nghệ Chí Tân".\n\n'
            "Turmeric is planted in the first two months of the lunar year and dug "
            "up at the end of the year. The company buys mature roots from partner "
            "farmers and brings them to its workshop, where they are washed, "
            "scraped, finely ground and strained. The juice is left to settle; the "
            "resin and oil that rise to the top are poured off, and the starch at "
            "the bottom is rinsed and settled again several times until its sharp "
            "smell has gone. Only then is it dried at a low temperature and milled "
            "fine.\n\n"
            "It takes about 30 kg of fresh turmeric to make 1 kg of starch. With "
            "most of the resin and oil removed, tinh bột nghệ is a lighter yellow "
            "than ordinary turmeric powder, mild in taste and easy to stir into a "
            "drink."
        ),
        "ingredients_vi": (
            "100% tinh bột từ củ nghệ vàng (Curcuma longa) trồng tại vùng Chí Tân, "
            "Khoái Châu."
        ),
        "ingredients_en": (
            "100% starch from yellow turmeric roots (Curcuma longa) grown in the "
            "Chí Tân area of Khoái Châu."
        ),
        "storage_vi": (
            "Đậy kín nắp sau mỗi lần dùng, để nơi khô ráo, thoáng mát, tránh ánh "
            "nắng; lấy bột bằng thìa khô. Pha 1–2 thìa cà phê với nước ấm hoặc sữa, "
            "có thể thêm mật ong; cũng dùng để tạo màu, tạo hương cho món ăn, món "
            "bánh."
        ),
        "storage_en": (
            "Close the lid tightly after each use and keep in a cool, dry place out "
            "of the sun; scoop with a dry spoon. Stir 1–2 teaspoons into warm water "
            "or milk, with honey if you like, or use it to colour and flavour "
            "dishes and cakes."
        ),
        "category": "20",
        "ocop_stars": 4,
        "ocop_certificate_no": "QĐ 1186/QĐ-UBND (demo)",
        "ocop_issuer": "UBND tỉnh Hưng Yên",
        "ocop_certified_on": "2024-08-22",
        "trademark": "Nghệ Chí Tân",
        "standards": ["VietGAP", "TCCS 01:2024/NVKC"],
        "net_content": "500 g",
        "shelf_life_days": 730,
        # Harvested once a year: its dates move to the latest season.
        "seasonal": True,
        "image": "tinh-bot-nghe.svg",
        "batches": [
            {
                "lot": "TBN2512A",
                "produced_on": "2025-12-18",
                "expires_on": "2027-12-18",
                "quantity": 356,
                "regions": ["33", "01", "31"],
                "stamps": 20,
                "pins": True,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2025-12-08T06:30:00+07:00",
                        "place_vi": (
                            "Ruộng nghệ của các hộ liên kết, bãi sông vùng Chí Tân"
                        ),
                        "place_en": (
                            "Partner farmers' turmeric fields, Chí Tân riverside"
                        ),
                        "ward_code": "12271",
                        "province_code": "33",
                        "lat": 20.7905,
                        "lon": 105.9812,
                        "gln": None,
                        "note_vi": (
                            "Đào 5.400 kg củ nghệ trồng từ tháng Hai, đủ khoảng mười "
                            "tháng tuổi; rũ sạch đất, loại củ dập, củ thối ngay tại "
                            "ruộng."
                        ),
                        "note_en": (
                            "5,400 kg of turmeric planted in February, about ten "
                            "months old, dug up; soil shaken off and bruised or rotten "
                            "roots sorted out in the field."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "active",
                        "time": "2025-12-09T07:00:00+07:00",
                        "place_vi": "Xưởng chế biến của công ty, thôn Mạn Xuyên",
                        "place_en": "Company processing workshop, Mạn Xuyên hamlet",
                        "ward_code": "12205",
                        "province_code": "33",
                        "lat": 20.8655,
                        "lon": 105.9790,
                        "gln": "8935303000018",
                        "note_vi": (
                            "Củ nghệ được rửa, cạo vỏ, xay nhuyễn và lọc qua vải; nước "
                            "cốt lắng và thay nước 5 lần trong 6 ngày, gạn bỏ nhựa, "
                            "tinh dầu, rồi sấy bột ở 40–45 °C."
                        ),
                        "note_en": (
                            "Roots washed, scraped, ground and strained through cloth; "
                            "the juice settled and rinsed five times over six days, "
                            "resin and oil poured off, then the starch dried at 40–45 "
                            "°C."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2025-12-18T08:00:00+07:00",
                        "place_vi": "Phòng đóng gói của công ty, thôn Mạn Xuyên",
                        "place_en": "Company packing room, Mạn Xuyên hamlet",
                        "ward_code": "12205",
                        "province_code": "33",
                        "lat": 20.8655,
                        "lon": 105.9790,
                        "gln": "8935303000018",
                        "note_vi": (
                            "Bột khô được nghiền mịn, rây lại; 5.400 kg nghệ tươi cho "
                            "178 kg tinh bột, đóng 356 hũ thủy tinh 500 g, hàn màng "
                            "nhôm miệng hũ."
                        ),
                        "note_en": (
                            "Dry starch milled and sieved again; 5,400 kg of fresh "
                            "turmeric gave 178 kg, packed into 356 glass jars of 500 g "
                            "with foil-sealed mouths."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2025-12-18T14:00:00+07:00",
                        "place_vi": "Kho thành phẩm của công ty, thôn Mạn Xuyên",
                        "place_en": "Company finished-goods store, Mạn Xuyên hamlet",
                        "ward_code": "12205",
                        "province_code": "33",
                        "lat": 20.8655,
                        "lon": 105.9790,
                        "gln": "8935303000018",
                        "note_vi": (
                            "Dán tem truy xuất có mã QR và lớp cào PIN lên nắp hũ; "
                            "quét thử ngẫu nhiên 10 tem trước khi nhập kho."
                        ),
                        "note_en": (
                            "Traceability stamps with a QR code and scratch-off PIN "
                            "applied to the lids; 10 stamps test-scanned at random "
                            "before the jars went into store."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2025-12-22T07:30:00+07:00",
                        "place_vi": "Kho thành phẩm của công ty, thôn Mạn Xuyên",
                        "place_en": "Company finished-goods store, Mạn Xuyên hamlet",
                        "ward_code": "12205",
                        "province_code": "33",
                        "lat": 20.8655,
                        "lon": 105.9790,
                        "gln": "8935303000018",
                        "note_vi": (
                            "Xuất 120 hũ cho cửa hàng ở Hà Nội bằng xe tải nhỏ của "
                            "công ty; hũ xếp thùng carton, chèn giấy chống vỡ."
                        ),
                        "note_en": (
                            "120 jars sent to a shop in Hà Nội in the company's small "
                            "van, packed in cartons with paper padding."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2025-12-22T10:00:00+07:00",
                        "place_vi": "Cửa hàng đặc sản OCOP ở phường Cầu Giấy, Hà Nội",
                        "place_en": "OCOP specialty shop in Cầu Giấy ward, Hà Nội",
                        "ward_code": "00167",
                        "province_code": "01",
                        "lat": 21.0330,
                        "lon": 105.7940,
                        "gln": None,
                        "note_vi": (
                            "Cửa hàng kiểm đếm đủ 120 hũ, không hũ nào vỡ; đối chiếu "
                            "số lô, hạn dùng rồi xếp lên kệ."
                        ),
                        "note_en": (
                            "The shop counted all 120 jars, none broken, checked the "
                            "lot number and expiry date and put them on the shelf."
                        ),
                    },
                ],
            },
            {
                "lot": "TBN2601A",
                "produced_on": "2026-01-21",
                "expires_on": "2028-01-21",
                "quantity": 280,
                "regions": ["33", "79", "37"],
                "stamps": 16,
                "pins": False,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2026-01-10T06:30:00+07:00",
                        "place_vi": (
                            "Ruộng nghệ của các hộ liên kết, bãi sông vùng Chí Tân"
                        ),
                        "place_en": (
                            "Partner farmers' turmeric fields, Chí Tân riverside"
                        ),
                        "ward_code": "12271",
                        "province_code": "33",
                        "lat": 20.7882,
                        "lon": 105.9846,
                        "gln": None,
                        "note_vi": (
                            "Đào 4.200 kg nghệ cuối vụ, trước Tết hơn một tháng; củ "
                            "già, vỏ mỏng, bẻ ra ruột vàng sẫm."
                        ),
                        "note_en": (
                            "4,200 kg of late-season turmeric dug up a month before "
                            "Tết; mature, thin-skinned roots, deep yellow when snapped."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "active",
                        "time": "2026-01-11T07:00:00+07:00",
                        "place_vi": "Xưởng chế biến của công ty, thôn Mạn Xuyên",
                        "place_en": "Company processing workshop, Mạn Xuyên hamlet",
                        "ward_code": "12205",
                        "province_code": "33",
                        "lat": 20.8655,
                        "lon": 105.9790,
                        "gln": "8935303000018",
                        "note_vi": (
                            "Rửa, cạo vỏ, xay và lọc trong hai ngày; trời rét nên mỗi "
                            "lần lắng để đủ 12 giờ, thay nước 5 lần, sấy bột ở "
                            "40–45 °C đến độ ẩm dưới 10%."
                        ),
                        "note_en": (
                            "Washing, scraping, grinding and straining took two days; "
                            "in the cold weather each settling was left a full 12 "
                            "hours, rinsed five times, then dried at 40–45 °C to below "
                            "10% moisture."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-01-21T08:30:00+07:00",
                        "place_vi": "Phòng đóng gói của công ty, thôn Mạn Xuyên",
                        "place_en": "Company packing room, Mạn Xuyên hamlet",
                        "ward_code": "12205",
                        "province_code": "33",
                        "lat": 20.8655,
                        "lon": 105.9790,
                        "gln": "8935303000018",
                        "note_vi": (
                            "4.200 kg nghệ tươi cho 140 kg tinh bột; nghiền mịn, rây, "
                            "đóng 280 hũ thủy tinh 500 g."
                        ),
                        "note_en": (
                            "4,200 kg of fresh turmeric gave 140 kg of starch, milled, "
                            "sieved and packed into 280 glass jars of 500 g."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-01-21T15:00:00+07:00",
                        "place_vi": "Kho thành phẩm của công ty, thôn Mạn Xuyên",
                        "place_en": "Company finished-goods store, Mạn Xuyên hamlet",
                        "ward_code": "12205",
                        "province_code": "33",
                        "lat": 20.8655,
                        "lon": 105.9790,
                        "gln": "8935303000018",
                        "note_vi": (
                            "Dán tem truy xuất có mã QR lên nắp hũ, ghi sổ số lô và "
                            "ngày đóng gói trước khi nhập kho."
                        ),
                        "note_en": (
                            "Traceability stamps with a QR code applied to the lids; "
                            "lot number and packing date logged before the jars were "
                            "stored."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-01-23T06:00:00+07:00",
                        "place_vi": "Kho thành phẩm của công ty, thôn Mạn Xuyên",
                        "place_en": "Company finished-goods store, Mạn Xuyên hamlet",
                        "ward_code": "12205",
                        "province_code": "33",
                        "lat": 20.8655,
                        "lon": 105.9790,
                        "gln": "8935303000018",
                        "note_vi": (
                            "Giao 96 hũ, đóng 8 thùng carton, cho xe tải tuyến Bắc – "
                            "Nam chở vào TP Hồ Chí Minh."
                        ),
                        "note_en": (
                            "96 jars in 8 cartons handed to a north–south freight "
                            "truck bound for Hồ Chí Minh City."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-01-25T15:00:00+07:00",
                        "place_vi": (
                            "Cửa hàng đặc sản miền Bắc ở phường Tân Định, TP Hồ Chí "
                            "Minh"
                        ),
                        "place_en": (
                            "Northern specialty shop in Tân Định ward, Hồ Chí Minh City"
                        ),
                        "ward_code": "26737",
                        "province_code": "79",
                        "lat": 10.7905,
                        "lon": 106.6890,
                        "gln": None,
                        "note_vi": (
                            "Cửa hàng nhận đủ 8 thùng, nắp và màng hũ còn nguyên; hàng "
                            "được bày bán dịp Tết."
                        ),
                        "note_en": (
                            "The shop received all 8 cartons with lids and seals "
                            "intact and put the jars out for the Tết season."
                        ),
                    },
                ],
            },
        ],
    },
    {
        "key": "gio-ga-dong-tao",
        "producer": "dong-tao",
        "gtin": "08935304000017",
        "name_vi": "Giò gà Đông Tảo",
        "name_en": "Đông Tảo giò gà (chicken roll)",
        "summary_vi": (
            "Giò làm từ thịt gà Đông Tảo nuôi thả vườn ở Khoái Châu, xay nhuyễn với "
            "nước mắm, gói lá chuối, luộc chín; miếng giò chắc, dai giòn, đậm vị gà."
        ),
        "summary_en": (
            "A chicken roll made from free-range Đông Tảo chickens of Khoái Châu, "
            "ground with fish sauce, wrapped in banana leaves and boiled: firm, "
            "springy and full of chicken flavour."
        ),
        "story_vi": (
            "Gà Đông Tảo là giống gà quý của làng Đông Tảo, Khoái Châu, dễ nhận ra "
            "nhờ đôi chân to, da chân đỏ sần và thân hình chắc nịch; gà trống trưởng "
            "thành nặng 4,5–6 kg. Xưa kia đây là giống gà tiến vua, nay được bảo hộ "
            'nhãn hiệu tập thể "Gà Đông Tảo".\n\n'
            "Xã viên HTX nuôi gà thả vườn, cho ăn thóc, ngô và rau xanh, mỗi lứa nuôi "
            "từ bảy, tám tháng trở lên. Gà được kiểm tra thú y trước khi giết mổ; "
            "thịt lườn, thịt đùi lọc sạch gân, xay nhuyễn với nước mắm ngay khi còn "
            "tươi, rồi gói chặt trong lá chuối và luộc chín như cách người miền Bắc "
            "làm giò lụa.\n\n"
            "Giò không dùng hàn the hay chất bảo quản nên phải giữ lạnh và dùng trong "
            "hạn ghi trên nhãn. Trên mâm cỗ Tết miền Bắc không thể thiếu đĩa giò; "
            "giò gà Đông Tảo mang thêm hương vị quê Khoái Châu vào mâm cỗ ấy."
        ),
        "story_en": (
            "The Đông Tảo chicken is a prized breed from Đông Tảo village in Khoái "
            "Châu, easy to recognise by its huge, red, rough-skinned legs and stocky "
            "body; a grown cockerel weighs 4.5–6 kg. Once raised as a gift for the "
            'royal court, it is now protected by the collective mark "Gà Đông '
            'Tảo".\n\n'
            "Cooperative members raise their birds free-range on paddy rice, maize "
            "and greens for at least seven or eight months. Each bird is checked by "
            "a vet before slaughter; the breast and thigh meat is trimmed of sinew, "
            "ground with fish sauce while still fresh, wrapped tightly in banana "
            "leaves and boiled, the way northern Vietnamese make giò lụa (pork "
            "roll).\n\n"
            "The roll contains no borax or preservatives, so it must be kept cold "
            "and eaten by the date on the label. No Tết feast in the north is "
            "complete without a plate of giò, and this one brings a taste of Khoái "
            "Châu to the table."
        ),
        "ingredients_vi": (
            "Thịt gà Đông Tảo (88%), da gà, nước mắm, hạt tiêu đen, muối, đường; gói "
            "lá chuối. Không dùng hàn the, không chất bảo quản."
        ),
        "ingredients_en": (
            "Đông Tảo chicken meat (88%), chicken skin, fish sauce, black pepper, "
            "salt, sugar; wrapped in banana leaves. No borax, no preservatives."
        ),
        "storage_vi": (
            "Bảo quản ở ngăn mát tủ lạnh 0–4 °C, dùng trong 12 ngày kể từ ngày sản "
            "xuất; đã bóc lá thì nên ăn hết trong 2 ngày. Thái khoanh ăn với cơm, "
            "xôi, bánh chưng, hoặc rán vàng hai mặt."
        ),
        "storage_en": (
            "Keep in the fridge at 0–4 °C and eat within 12 days of production; once "
            "unwrapped, finish within 2 days. Slice and serve with rice, sticky rice "
            "or bánh chưng, or fry the slices golden on both sides."
        ),
        "category": "08",
        "ocop_stars": 3,
        "ocop_certificate_no": "QĐ 2790/QĐ-UBND (demo)",
        "ocop_issuer": "UBND tỉnh Hưng Yên",
        "ocop_certified_on": "2025-12-16",
        "trademark": "Gà Đông Tảo",
        "standards": ["VietGAHP", "TCCS 01:2025/HTXGDT"],
        "net_content": "500 g",
        "shelf_life_days": 12,
        "image": "gio-ga-dong-tao.svg",
        "batches": [
            {
                "lot": "GDT2602A",
                "produced_on": "2026-02-10",
                "expires_on": "2026-02-22",
                "quantity": 140,
                "regions": ["33", "01"],
                "stamps": 14,
                "pins": False,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "inspecting",
                        "disposition": "conformant",
                        "time": "2026-02-10T03:30:00+07:00",
                        "place_vi": "Điểm giết mổ gia cầm của HTX, thôn Đông Tảo Nam",
                        "place_en": (
                            "Cooperative poultry slaughter point, Đông Tảo Nam hamlet"
                        ),
                        "ward_code": "12220",
                        "province_code": "33",
                        "lat": 20.8935,
                        "lon": 105.9895,
                        "gln": "8935304000017",
                        "note_vi": (
                            "Cán bộ thú y kiểm tra 40 gà Đông Tảo nuôi khoảng 8 tháng, "
                            "nặng 4,6–5,8 kg/con; cả đàn khỏe mạnh, đủ điều kiện giết "
                            "mổ."
                        ),
                        "note_en": (
                            "A vet inspected 40 Đông Tảo chickens, about eight months "
                            "old and 4.6–5.8 kg each; all healthy and passed for "
                            "slaughter."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "active",
                        "time": "2026-02-10T05:00:00+07:00",
                        "place_vi": "Xưởng chế biến của HTX, thôn Đông Tảo Nam",
                        "place_en": "Cooperative processing room, Đông Tảo Nam hamlet",
                        "ward_code": "12220",
                        "province_code": "33",
                        "lat": 20.8938,
                        "lon": 105.9901,
                        "gln": "8935304000017",
                        "note_vi": (
                            "Lọc 62 kg thịt lườn, đùi và 8 kg da; xay nhuyễn với nước "
                            "mắm, tiêu, giữ khối thịt dưới 12 °C; gói lá chuối thành "
                            "140 cây 500 g, luộc 60 phút."
                        ),
                        "note_en": (
                            "62 kg of breast and thigh meat and 8 kg of skin trimmed, "
                            "ground with fish sauce and pepper below 12 °C, wrapped in "
                            "banana leaves into 140 rolls of 500 g and boiled for 60 "
                            "minutes."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-02-10T10:30:00+07:00",
                        "place_vi": "Phòng đóng gói của HTX, thôn Đông Tảo Nam",
                        "place_en": "Cooperative packing room, Đông Tảo Nam hamlet",
                        "ward_code": "12220",
                        "province_code": "33",
                        "lat": 20.8938,
                        "lon": 105.9901,
                        "gln": "8935304000017",
                        "note_vi": (
                            "Giò được treo cho ráo, làm lạnh xuống 4 °C rồi hút chân "
                            "không từng cây, dán nhãn ghi ngày sản xuất."
                        ),
                        "note_en": (
                            "Rolls hung to drain, chilled to 4 °C, then vacuum-packed "
                            "one by one and labelled with the production date."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-02-10T13:00:00+07:00",
                        "place_vi": "Kho lạnh của HTX, thôn Đông Tảo Nam",
                        "place_en": "Cooperative cold room, Đông Tảo Nam hamlet",
                        "ward_code": "12220",
                        "province_code": "33",
                        "lat": 20.8938,
                        "lon": 105.9901,
                        "gln": "8935304000017",
                        "note_vi": (
                            "Dán tem truy xuất có mã QR lên túi giò; hàng giữ trong "
                            "kho lạnh 2–4 °C chờ giao."
                        ),
                        "note_en": (
                            "Traceability stamps with a QR code applied to the packs; "
                            "rolls held in the cold room at 2–4 °C until dispatch."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-02-11T05:30:00+07:00",
                        "place_vi": "Kho lạnh của HTX, thôn Đông Tảo Nam",
                        "place_en": "Cooperative cold room, Đông Tảo Nam hamlet",
                        "ward_code": "12220",
                        "province_code": "33",
                        "lat": 20.8938,
                        "lon": 105.9901,
                        "gln": "8935304000017",
                        "note_vi": (
                            "Xe tải lạnh của HTX chở 60 cây giò đi Hà Nội, nhiệt độ "
                            "thùng xe đặt 2–4 °C."
                        ),
                        "note_en": (
                            "The cooperative's refrigerated van took 60 rolls to Hà "
                            "Nội, its box set to 2–4 °C."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-02-11T08:00:00+07:00",
                        "place_vi": (
                            "Cửa hàng thực phẩm sạch ở phường Hai Bà Trưng, Hà Nội"
                        ),
                        "place_en": "Fresh-food shop in Hai Bà Trưng ward, Hà Nội",
                        "ward_code": "00256",
                        "province_code": "01",
                        "lat": 21.0085,
                        "lon": 105.8575,
                        "gln": None,
                        "note_vi": (
                            "Cửa hàng nhận 60 cây, đo nhiệt độ giò 3 °C, xếp ngay vào "
                            "tủ mát để bán."
                        ),
                        "note_en": (
                            "The shop took in 60 rolls, measured at 3 °C, and moved "
                            "them straight into the chiller for sale."
                        ),
                    },
                ],
            },
            {
                "lot": "GDT2611A",
                "produced_on": "2026-11-18",
                "expires_on": "2026-11-30",
                "quantity": 180,
                "regions": ["33", "24", "01"],
                "stamps": 18,
                "pins": True,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "inspecting",
                        "disposition": "conformant",
                        "time": "2026-11-18T03:30:00+07:00",
                        "place_vi": "Điểm giết mổ gia cầm của HTX, thôn Đông Tảo Nam",
                        "place_en": (
                            "Cooperative poultry slaughter point, Đông Tảo Nam hamlet"
                        ),
                        "ward_code": "12220",
                        "province_code": "33",
                        "lat": 20.8935,
                        "lon": 105.9895,
                        "gln": "8935304000017",
                        "note_vi": (
                            "Thú y kiểm tra 52 gà của ba hộ xã viên, nặng "
                            "4,5–6 kg/con; loại riêng 1 con có dấu hiệu mệt, 51 con đủ "
                            "điều kiện giết mổ."
                        ),
                        "note_en": (
                            "The vet checked 52 birds from three member farms, "
                            "4.5–6 kg each; one that looked unwell was set aside and "
                            "51 passed for slaughter."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "active",
                        "time": "2026-11-18T05:00:00+07:00",
                        "place_vi": "Xưởng chế biến của HTX, thôn Đông Tảo Nam",
                        "place_en": "Cooperative processing room, Đông Tảo Nam hamlet",
                        "ward_code": "12220",
                        "province_code": "33",
                        "lat": 20.8938,
                        "lon": 105.9901,
                        "gln": "8935304000017",
                        "note_vi": (
                            "Lọc 80 kg thịt lườn, đùi và 10 kg da; xay với nước mắm, "
                            "tiêu và đá vảy, gói lá chuối thành 180 cây 500 g, luộc "
                            "60 phút, tâm giò đạt trên 75 °C."
                        ),
                        "note_en": (
                            "80 kg of breast and thigh meat and 10 kg of skin ground "
                            "with fish sauce, pepper and flake ice, wrapped in banana "
                            "leaves into 180 rolls of 500 g and boiled 60 minutes to a "
                            "core above 75 °C."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-11-18T10:30:00+07:00",
                        "place_vi": "Phòng đóng gói của HTX, thôn Đông Tảo Nam",
                        "place_en": "Cooperative packing room, Đông Tảo Nam hamlet",
                        "ward_code": "12220",
                        "province_code": "33",
                        "lat": 20.8938,
                        "lon": 105.9901,
                        "gln": "8935304000017",
                        "note_vi": (
                            "Làm lạnh giò xuống 4 °C, hút chân không từng cây; cắt thử "
                            "2 cây kiểm tra độ chắc và màu mặt cắt."
                        ),
                        "note_en": (
                            "Rolls chilled to 4 °C and vacuum-packed one by one; two "
                            "cut open to check firmness and the colour of the slice."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-11-18T13:30:00+07:00",
                        "place_vi": "Kho lạnh của HTX, thôn Đông Tảo Nam",
                        "place_en": "Cooperative cold room, Đông Tảo Nam hamlet",
                        "ward_code": "12220",
                        "province_code": "33",
                        "lat": 20.8938,
                        "lon": 105.9901,
                        "gln": "8935304000017",
                        "note_vi": (
                            "Dán tem truy xuất có mã QR và lớp cào PIN lên túi giò; "
                            "hàng giữ trong kho lạnh 2–4 °C qua đêm."
                        ),
                        "note_en": (
                            "Traceability stamps with a QR code and scratch-off PIN "
                            "applied to the packs; rolls kept overnight in the cold "
                            "room at 2–4 °C."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-11-19T05:30:00+07:00",
                        "place_vi": "Kho lạnh của HTX, thôn Đông Tảo Nam",
                        "place_en": "Cooperative cold room, Đông Tảo Nam hamlet",
                        "ward_code": "12220",
                        "province_code": "33",
                        "lat": 20.8938,
                        "lon": 105.9901,
                        "gln": "8935304000017",
                        "note_vi": (
                            "Xe tải lạnh chở 50 cây giò đi Bắc Ninh trong thùng xốp có "
                            "túi đá gel, nhiệt độ thùng xe 2–4 °C."
                        ),
                        "note_en": (
                            "Refrigerated van took 50 rolls to Bắc Ninh in foam boxes "
                            "with gel ice packs, the box at 2–4 °C."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-11-19T07:45:00+07:00",
                        "place_vi": (
                            "Siêu thị mini thực phẩm sạch ở phường Kinh Bắc, Bắc Ninh"
                        ),
                        "place_en": "Fresh-food minimart in Kinh Bắc ward, Bắc Ninh",
                        "ward_code": "09187",
                        "province_code": "24",
                        "lat": 21.1835,
                        "lon": 106.0670,
                        "gln": None,
                        "note_vi": (
                            "Siêu thị nhận 50 cây, đo nhiệt độ giò 3 °C, đối chiếu hạn "
                            "dùng {expires_on} rồi xếp vào tủ mát."
                        ),
                        "note_en": (
                            "The minimart took in 50 rolls at 3 °C, checked the use-by "
                            "date of {expires_on} and put them in the chiller."
                        ),
                    },
                ],
            },
        ],
    },
    {
        "key": "tuong-ban",
        "producer": "tuong-ban",
        "gtin": "08935305000016",
        "name_vi": "Tương Bần Bà Tư",
        "name_en": "Bà Tư tương Bần (fermented soybean and rice sauce)",
        "summary_vi": (
            "Tương nếp làm theo lối cổ truyền đất Bần Yên Nhân từ mốc nếp, đậu tương "
            "rang và muối biển, phơi nắng nhiều tháng trong chum sành; sánh, mặn dịu, "
            "ngọt hậu, thơm mùi đậu rang."
        ),
        "summary_en": (
            "Sauce made the old Bần Yên Nhân way from mould-fermented glutinous rice, "
            "roasted soybeans and sea salt, ripened for months in clay jars under the "
            "sun: thick, gently salty, mellow-sweet and nutty."
        ),
        "story_vi": (
            "Bần Yên Nhân, nay thuộc phường Mỹ Hào, là làng tương có tiếng bậc nhất "
            "miền Bắc, với nghề làm tương truyền qua nhiều thế hệ. Những dãy quán bày "
            "chai tương bên quốc lộ 5 đã quen mắt người qua lại giữa Hà Nội và Hải "
            'Phòng, và tương của vùng này được bảo hộ nhãn hiệu tập thể "Tương Bần '
            'Hưng Yên".\n\n'
            "Làm tương cần khéo tay và nhiều nắng. Gạo nếp đồ thành xôi, rải mỏng ra "
            "nong, ủ kín đến khi lên mốc vàng đều. Đậu tương rang vàng, xay vỡ, ngâm "
            "với nước giếng trong chum cho đến khi nước đậu ngả vàng, dậy mùi thơm. "
            "Mốc trộn với muối, ngả vào chum sành cùng nước đậu rồi đem phơi nắng; "
            "sáng nào cũng mở vung khuấy đều.\n\n"
            "Tương phơi qua những tháng hè nắng to, đến khi hạt xôi tan mềm, nước "
            "tương sánh lại, vàng nâu như mật. Gia đình bà Tư làm tương theo cách "
            "các cụ truyền lại, mỗi mẻ chỉ trên dưới chục chum, không thêm đường "
            "hay chất bảo quản."
        ),
        "story_en": (
            "Bần Yên Nhân, now part of Mỹ Hào ward, is one of the best-known sauce "
            "villages of northern Vietnam, where the craft has passed down through "
            "many generations. The stalls lined with bottles of tương along Highway "
            "5 are a familiar sight to travellers between Hà Nội and Hải Phòng, and "
            'the sauce is protected by the collective mark "Tương Bần Hưng '
            'Yên".\n\n'
            "Making tương takes a skilled hand and plenty of sun. Glutinous rice is "
            "steamed, spread thinly on flat baskets and covered until an even golden "
            "mould grows on it. Soybeans are roasted, cracked and soaked with well "
            "water in a jar until the liquid turns yellow and smells toasty. The "
            "mouldy rice is mixed with salt, put into clay jars with the soybean "
            "water and set out in the sun, and every morning the lids come off for "
            "a good stir.\n\n"
            "The sauce ripens through the hot summer months until the rice grains "
            "have melted, and the liquid is thick and honey-brown. Bà Tư's family "
            "follows the method handed down by their elders, makes only ten or so "
            "jars at a time and adds no sugar or preservatives."
        ),
        "ingredients_vi": "Gạo nếp, đậu tương, muối biển, nước giếng.",
        "ingredients_en": "Glutinous rice, soybeans, sea salt, well water.",
        "storage_vi": (
            "Để nơi khô ráo, thoáng mát, tránh nắng; sau khi mở nắp, đậy kín và cất "
            "ngăn mát tủ lạnh. Hạt xôi lắng dưới đáy là tự nhiên, lắc đều trước khi "
            "dùng. Chấm rau muống luộc, đậu phụ rán, thịt luộc, cà pháo; dùng kho "
            "cá, om chuối đậu hoặc pha nước chấm."
        ),
        "storage_en": (
            "Keep in a cool, dry place away from the sun; once opened, close tightly "
            "and keep in the fridge. Rice grains settling at the bottom are natural, "
            "so shake before use. Serve as a dip for boiled morning glory, fried "
            "tofu, boiled pork or pickled aubergines, or use it to braise fish, cook "
            "om chuối đậu (green banana and tofu stew) or mix dipping sauces."
        ),
        "category": "09",
        "ocop_stars": 4,
        "ocop_certificate_no": "QĐ 865/QĐ-UBND (demo)",
        "ocop_issuer": "UBND tỉnh Hưng Yên",
        "ocop_certified_on": "2024-05-09",
        "trademark": "Tương Bần Hưng Yên",
        "standards": ["TCCS 01:2024/TBBT"],
        "net_content": "500 ml",
        "shelf_life_days": 365,
        "image": "tuong-ban.svg",
        "batches": [
            {
                "lot": "TB2512A",
                "produced_on": "2025-12-01",
                "expires_on": "2026-12-01",
                "quantity": 1450,
                "regions": ["33", "31", "22"],
                "stamps": 16,
                "pins": False,
                "status": "active",
                "events": [
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "active",
                        "time": "2025-08-04T06:00:00+07:00",
                        "place_vi": "Sân phơi tương của gia đình, khu phố Bần Yên Nhân",
                        "place_en": "Family sauce-jar yard, Bần Yên Nhân quarter",
                        "ward_code": "12103",
                        "province_code": "33",
                        "lat": 20.9352,
                        "lon": 106.0712,
                        "gln": "8935305000016",
                        "note_vi": (
                            "Ngả tương vào 14 chum sành: mốc từ 150 kg gạo nếp ủ "
                            "6 ngày, nước đậu từ 130 kg đậu tương rang ngâm 10 ngày, "
                            "cùng 70 kg muối biển."
                        ),
                        "note_en": (
                            "Sauce set in 14 clay jars: mould grown for 6 days on "
                            "150 kg of glutinous rice, soybean water from 130 kg of "
                            "roasted beans soaked for 10 days, and 70 kg of sea salt."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "sampling",
                        "disposition": "conformant",
                        "time": "2025-11-24T08:00:00+07:00",
                        "place_vi": "Sân phơi tương của gia đình, khu phố Bần Yên Nhân",
                        "place_en": "Family sauce-jar yard, Bần Yên Nhân quarter",
                        "ward_code": "12103",
                        "province_code": "33",
                        "lat": 20.9352,
                        "lon": 106.0712,
                        "gln": "8935305000016",
                        "note_vi": (
                            "Sau gần bốn tháng phơi, tương vàng nâu, hạt xôi mềm; lấy "
                            "3 mẫu gửi kiểm nghiệm, các chỉ tiêu đạm, muối, vi sinh "
                            "đều đạt tiêu chuẩn cơ sở."
                        ),
                        "note_en": (
                            "After almost four months in the sun the sauce was "
                            "golden-brown with soft rice grains; 3 samples sent to the "
                            "lab met the in-house limits for protein, salt and "
                            "microbes."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2025-12-01T07:30:00+07:00",
                        "place_vi": "Gian đóng chai của gia đình, khu phố Bần Yên Nhân",
                        "place_en": "Family bottling room, Bần Yên Nhân quarter",
                        "ward_code": "12103",
                        "province_code": "33",
                        "lat": 20.9349,
                        "lon": 106.0716,
                        "gln": "8935305000016",
                        "note_vi": (
                            "Múc tương từ 14 chum, lọc bỏ tạp chất, đóng 1.450 chai "
                            "thủy tinh 500 ml, vặn nắp, dán nhãn."
                        ),
                        "note_en": (
                            "Sauce ladled from the 14 jars, strained of impurities and "
                            "filled into 1,450 glass bottles of 500 ml, capped and "
                            "labelled."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2025-12-01T14:00:00+07:00",
                        "place_vi": "Gian đóng chai của gia đình, khu phố Bần Yên Nhân",
                        "place_en": "Family bottling room, Bần Yên Nhân quarter",
                        "ward_code": "12103",
                        "province_code": "33",
                        "lat": 20.9349,
                        "lon": 106.0716,
                        "gln": "8935305000016",
                        "note_vi": (
                            "Dán tem truy xuất có mã QR lên cổ chai; ghi số lô lên "
                            "từng thùng 12 chai."
                        ),
                        "note_en": (
                            "Traceability stamps with a QR code applied to the bottle "
                            "necks; lot number written on every 12-bottle case."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2025-12-03T07:00:00+07:00",
                        "place_vi": "Gian đóng chai của gia đình, khu phố Bần Yên Nhân",
                        "place_en": "Family bottling room, Bần Yên Nhân quarter",
                        "ward_code": "12103",
                        "province_code": "33",
                        "lat": 20.9349,
                        "lon": 106.0716,
                        "gln": "8935305000016",
                        "note_vi": (
                            "Giao 240 chai, 20 thùng có vách ngăn, lên xe tải của đại "
                            "lý ở Hải Phòng."
                        ),
                        "note_en": (
                            "240 bottles in 20 divided cases loaded onto the truck of "
                            "a Hải Phòng stockist."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2025-12-03T09:30:00+07:00",
                        "place_vi": "Cửa hàng đặc sản ở phường Lê Chân, Hải Phòng",
                        "place_en": "Specialty food shop in Lê Chân ward, Hải Phòng",
                        "ward_code": "11383",
                        "province_code": "31",
                        "lat": 20.8535,
                        "lon": 106.6795,
                        "gln": None,
                        "note_vi": (
                            "Đại lý kiểm đủ 20 thùng, chai nguyên vẹn, nắp kín; hàng "
                            "được xếp lên kệ gia vị."
                        ),
                        "note_en": (
                            "The stockist counted all 20 cases, bottles whole and caps "
                            "tight, and shelved them with the condiments."
                        ),
                    },
                ],
            },
            {
                "lot": "TB2608A",
                "produced_on": "2026-08-27",
                "expires_on": "2027-08-27",
                "quantity": 1050,
                "regions": ["33", "01", "79"],
                "stamps": 14,
                "pins": True,
                "status": "active",
                "events": [
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "active",
                        "time": "2026-05-18T06:00:00+07:00",
                        "place_vi": "Sân phơi tương của gia đình, khu phố Bần Yên Nhân",
                        "place_en": "Family sauce-jar yard, Bần Yên Nhân quarter",
                        "ward_code": "12103",
                        "province_code": "33",
                        "lat": 20.9352,
                        "lon": 106.0712,
                        "gln": "8935305000016",
                        "note_vi": (
                            "Ngả tương vào 10 chum sành: mốc từ 110 kg gạo nếp, nước "
                            "đậu từ 95 kg đậu tương rang, cùng 50 kg muối biển; chum "
                            "đặt giữa sân đón nắng đầu hè."
                        ),
                        "note_en": (
                            "Sauce set in 10 clay jars: mould from 110 kg of glutinous "
                            "rice, soybean water from 95 kg of roasted beans and 50 kg "
                            "of sea salt; jars placed mid-yard for the early summer "
                            "sun."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "sampling",
                        "disposition": "conformant",
                        "time": "2026-08-20T08:00:00+07:00",
                        "place_vi": "Sân phơi tương của gia đình, khu phố Bần Yên Nhân",
                        "place_en": "Family sauce-jar yard, Bần Yên Nhân quarter",
                        "ward_code": "12103",
                        "province_code": "33",
                        "lat": 20.9352,
                        "lon": 106.0712,
                        "gln": "8935305000016",
                        "note_vi": (
                            "Sau ba tháng phơi nắng hè, tương sánh, mặn dịu, ngọt hậu; "
                            "lấy mẫu gửi kiểm nghiệm định kỳ, kết quả đạt tiêu chuẩn "
                            "cơ sở."
                        ),
                        "note_en": (
                            "After three months of summer sun the sauce was thick, "
                            "gently salty and sweet on the finish; routine lab samples "
                            "met the in-house standard."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-08-27T07:30:00+07:00",
                        "place_vi": "Gian đóng chai của gia đình, khu phố Bần Yên Nhân",
                        "place_en": "Family bottling room, Bần Yên Nhân quarter",
                        "ward_code": "12103",
                        "province_code": "33",
                        "lat": 20.9349,
                        "lon": 106.0716,
                        "gln": "8935305000016",
                        "note_vi": (
                            "Múc tương từ 10 chum, lọc bỏ tạp chất, đóng 1.050 chai "
                            "thủy tinh 500 ml."
                        ),
                        "note_en": (
                            "Sauce ladled from the 10 jars, strained and filled into "
                            "1,050 glass bottles of 500 ml."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-08-27T14:30:00+07:00",
                        "place_vi": "Gian đóng chai của gia đình, khu phố Bần Yên Nhân",
                        "place_en": "Family bottling room, Bần Yên Nhân quarter",
                        "ward_code": "12103",
                        "province_code": "33",
                        "lat": 20.9349,
                        "lon": 106.0716,
                        "gln": "8935305000016",
                        "note_vi": (
                            "Dán tem truy xuất có mã QR và lớp cào PIN lên cổ chai, "
                            "đóng thùng 12 chai có vách ngăn."
                        ),
                        "note_en": (
                            "Traceability stamps with a QR code and scratch-off PIN "
                            "applied to the bottle necks; bottles packed in divided "
                            "cases of 12."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-08-29T09:00:00+07:00",
                        "place_vi": "Gian đóng chai của gia đình, khu phố Bần Yên Nhân",
                        "place_en": "Family bottling room, Bần Yên Nhân quarter",
                        "ward_code": "12103",
                        "province_code": "33",
                        "lat": 20.9349,
                        "lon": 106.0716,
                        "gln": "8935305000016",
                        "note_vi": (
                            "Gửi 10 thùng (120 chai) theo xe hàng tuyến Bắc – Nam; "
                            "thùng chèn xốp, dán nhãn hàng dễ vỡ."
                        ),
                        "note_en": (
                            "10 cases (120 bottles) sent on a north–south freight "
                            "truck, padded with foam and marked fragile."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-08-31T16:00:00+07:00",
                        "place_vi": (
                            "Cửa hàng thực phẩm miền Bắc ở phường Bàn Cờ, TP Hồ Chí "
                            "Minh"
                        ),
                        "place_en": (
                            "Northern food shop in Bàn Cờ ward, Hồ Chí Minh City"
                        ),
                        "ward_code": "27160",
                        "province_code": "79",
                        "lat": 10.7735,
                        "lon": 106.6795,
                        "gln": None,
                        "note_vi": (
                            "Cửa hàng nhận 10 thùng; 1 chai nứt được ghi biên bản và "
                            "trừ vào lần nhập sau, 119 chai đưa lên kệ."
                        ),
                        "note_en": (
                            "The shop received 10 cases; one cracked bottle was "
                            "recorded and credited against the next order, and "
                            "119 went on sale."
                        ),
                    },
                ],
            },
            {
                "lot": "TB2610A",
                "produced_on": "2026-10-12",
                "expires_on": "2027-10-12",
                "quantity": 860,
                "regions": ["33", "01", "24"],
                "stamps": 10,
                "pins": False,
                "status": "active",
                "events": [
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "active",
                        "time": "2026-06-22T06:00:00+07:00",
                        "place_vi": "Sân phơi tương của gia đình, khu phố Bần Yên Nhân",
                        "place_en": "Family sauce-jar yard, Bần Yên Nhân quarter",
                        "ward_code": "12103",
                        "province_code": "33",
                        "lat": 20.9352,
                        "lon": 106.0712,
                        "gln": "8935305000016",
                        "note_vi": (
                            "Ngả tương vào 8 chum sành từ mốc của 90 kg gạo nếp, nước "
                            "đậu của 80 kg đậu tương rang và 40 kg muối biển; khuấy "
                            "đều mỗi sáng, đậy vung khi trời mưa."
                        ),
                        "note_en": (
                            "Sauce set in 8 clay jars from the mould of 90 kg of "
                            "glutinous rice, soybean water from 80 kg of roasted beans "
                            "and 40 kg of sea salt; stirred every morning, lidded when "
                            "it rained."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-10-12T07:30:00+07:00",
                        "place_vi": "Gian đóng chai của gia đình, khu phố Bần Yên Nhân",
                        "place_en": "Family bottling room, Bần Yên Nhân quarter",
                        "ward_code": "12103",
                        "province_code": "33",
                        "lat": 20.9349,
                        "lon": 106.0716,
                        "gln": "8935305000016",
                        "note_vi": (
                            "Sau gần bốn tháng phơi, múc tương từ 8 chum, lọc, đóng "
                            "860 chai thủy tinh 500 ml, vặn nắp, dán nhãn."
                        ),
                        "note_en": (
                            "After nearly four months in the sun, sauce ladled from "
                            "the 8 jars, strained and filled into 860 glass bottles of "
                            "500 ml, capped and labelled."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-10-12T14:00:00+07:00",
                        "place_vi": "Gian đóng chai của gia đình, khu phố Bần Yên Nhân",
                        "place_en": "Family bottling room, Bần Yên Nhân quarter",
                        "ward_code": "12103",
                        "province_code": "33",
                        "lat": 20.9349,
                        "lon": 106.0716,
                        "gln": "8935305000016",
                        "note_vi": (
                            "Dán tem truy xuất có mã QR lên cổ chai, đóng thùng 12 "
                            "chai, ghi số lô ngoài thùng."
                        ),
                        "note_en": (
                            "Traceability stamps with a QR code applied to the bottle "
                            "necks; cases of 12 packed and marked with the lot number."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-10-14T06:30:00+07:00",
                        "place_vi": "Gian đóng chai của gia đình, khu phố Bần Yên Nhân",
                        "place_en": "Family bottling room, Bần Yên Nhân quarter",
                        "ward_code": "12103",
                        "province_code": "33",
                        "lat": 20.9349,
                        "lon": 106.0716,
                        "gln": "8935305000016",
                        "note_vi": (
                            "Chở 8 thùng (96 chai) lên Hà Nội bằng xe tải nhỏ của gia "
                            "đình theo quốc lộ 5."
                        ),
                        "note_en": (
                            "8 cases (96 bottles) driven to Hà Nội along Highway 5 in "
                            "the family's small truck."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-10-14T08:30:00+07:00",
                        "place_vi": (
                            "Cửa hàng đặc sản vùng miền ở phường Đống Đa, Hà Nội"
                        ),
                        "place_en": "Regional specialty shop in Đống Đa ward, Hà Nội",
                        "ward_code": "00235",
                        "province_code": "01",
                        "lat": 21.0165,
                        "lon": 105.8270,
                        "gln": None,
                        "note_vi": (
                            "Cửa hàng kiểm đủ 8 thùng, chai nguyên vẹn; đối chiếu số "
                            "lô và hạn dùng trên phiếu giao hàng."
                        ),
                        "note_en": (
                            "The shop counted all 8 cases with every bottle whole and "
                            "checked the lot and expiry against the delivery note."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "retail_selling",
                        "disposition": "sellable_accessible",
                        "time": "2026-10-15T09:00:00+07:00",
                        "place_vi": (
                            "Cửa hàng đặc sản vùng miền ở phường Đống Đa, Hà Nội"
                        ),
                        "place_en": "Regional specialty shop in Đống Đa ward, Hà Nội",
                        "ward_code": "00235",
                        "province_code": "01",
                        "lat": 21.0165,
                        "lon": 105.8270,
                        "gln": None,
                        "note_vi": (
                            "Tương được bày ở quầy đặc sản Hưng Yên, cạnh long nhãn và "
                            "tinh bột nghệ; khách có thể quét mã trên cổ chai trước "
                            "khi mua."
                        ),
                        "note_en": (
                            "The sauce went on display at the Hưng Yên counter next to "
                            "long nhãn and turmeric starch; shoppers can scan the neck "
                            "stamp before buying."
                        ),
                    },
                ],
            },
        ],
    },
]
