"""Demo products: bánh cáy làng Nguyễn and trứng vịt biển Tiền Hải."""

PRODUCTS = [
    {
        "key": "banh-cay",
        "producer": "lang-nguyen",
        "gtin": "08935306000015",
        "name_vi": "Bánh cáy làng Nguyễn",
        "name_en": "Bánh cáy làng Nguyễn (puffed sticky rice bars)",
        "summary_vi": (
            "Bánh cáy làm từ nếp cái hoa vàng, mạch nha, gấc, gừng, vỏ quýt, "
            "vừng và lạp mỡ theo cách làm hơn hai trăm năm của làng Nguyễn "
            "(Nguyên Xá)."
        ),
        "summary_en": (
            "Bánh cáy, bars of puffed sticky rice bound with malt syrup and "
            "flavoured with gấc, ginger, tangerine peel, sesame and candied pork "
            "fat, made the way Nguyễn village has made them for two centuries."
        ),
        "story_vi": (
            "Bánh cáy là thức quà quê của làng Nguyễn, tức làng Nguyên Xá thuộc "
            "huyện Đông Hưng cũ của tỉnh Thái Bình, nay là tỉnh Hưng Yên. Tương "
            "truyền, bánh do bà Nguyễn Thị Tần, người làng được tuyển vào cung "
            "dưới thời vua Lê Hiển Tông ở thế kỷ XVIII, làm ra từ những sản vật "
            "đồng quê rồi truyền lại cho dân làng. Những hạt nếp nhuộm gấc "
            "đỏ cam lấm tấm trong miếng bánh trông như gạch con cáy, loài cua nhỏ "
            "sống ở bờ ruộng, bãi sông, nên bánh mang tên bánh cáy."
            "\n\n"
            "Nếp cái hoa vàng được ngâm, đồ thành xôi; một phần trộn với gấc, ép "
            "chặt, thái hạt lựu, phơi khô rồi rang cho nở giòn. Mạch nha nấu "
            "cùng đường đến độ dẻo thì trộn với bỏng nếp, lạc, vừng, lạp mỡ, "
            "gừng tươi và vỏ quýt thái chỉ, lèn chặt vào khuôn gỗ lót vừng. Bánh "
            "nguội mới dỡ khuôn, cắt thành thanh vừa ăn."
            "\n\n"
            "Cơ sở Hương Làng Nguyễn là một hộ gia đình trong làng, làm bánh theo "
            "cách cha mẹ truyền lại, với bếp nấu và gian đóng gói riêng. Bánh "
            "làm quanh năm nhưng đông việc nhất là những ngày giáp Tết, khi hộp "
            "bánh cáy được đặt lên ban thờ cạnh bánh chưng và mâm ngũ quả."
        ),
        "story_en": (
            "Bánh cáy is the village sweet of làng Nguyễn, that is Nguyên Xá "
            "village in the former Đông Hưng district of Thái Bình, now part of "
            "Hưng Yên province. Local tradition credits it to Nguyễn Thị Tần, a "
            "woman of the village who served at the royal court under King Lê "
            "Hiển Tông in the 18th century and made it from the produce of her "
            "home fields. The orange-red flecks of gấc-dyed rice in each slice look "
            "like the roe of the cáy, a small crab of paddy banks and river "
            "flats, and that is where the name comes from."
            "\n\n"
            "Yellow-flower sticky rice (nếp cái hoa vàng) is soaked and steamed; "
            "part of it is mixed with gấc fruit, pressed, diced, sun-dried and "
            "roasted until it puffs. Malt syrup is boiled with sugar until "
            "pliable, then folded through the puffed rice with peanuts, sesame, "
            "candied pork fat, fresh ginger and shredded tangerine peel and "
            "packed into wooden moulds lined with sesame. Once cool, the block "
            "is turned out and cut into bars."
            "\n\n"
            "Hương Làng Nguyễn is a family workshop in the village that makes "
            "the sweet the way the parents did, with its own kitchen and packing "
            "room. It works all year but is busiest in the weeks before Tết, when "
            "a box of bánh cáy sits on the family altar beside bánh chưng and "
            "the five-fruit tray."
        ),
        "ingredients_vi": (
            "Gạo nếp cái hoa vàng, mạch nha, đường mía, lạc, vừng, lạp mỡ (mỡ "
            "lợn ướp đường), gừng tươi, vỏ quýt, gấc."
        ),
        "ingredients_en": (
            "Yellow-flower sticky rice, malt syrup, cane sugar, peanuts, sesame, "
            "lạp mỡ (pork fat candied in sugar), fresh ginger, tangerine peel, "
            "gấc fruit."
        ),
        "storage_vi": (
            "Bảo quản nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp. Sau khi "
            "mở, gói kín phần còn lại để bánh không bị ỉu và dùng hết trong "
            "khoảng một tuần. Cắt lát mỏng, ngon nhất khi dùng với chén trà "
            "xanh nóng."
        ),
        "storage_en": (
            "Keep in a cool, dry place away from direct sunlight. Once opened, "
            "wrap the rest tightly so it does not go soft, and finish it within "
            "about a week. Cut into thin slices; best with a cup of hot green tea."
        ),
        "category": "06",
        "ocop_stars": 4,
        "ocop_certificate_no": "QĐ 2784/QĐ-UBND (demo)",
        "ocop_issuer": "UBND tỉnh Thái Bình",
        "ocop_certified_on": "2024-10-21",
        "trademark": None,
        "standards": ["TCCS 01:2024/HLN"],
        "net_content": "500 g",
        "shelf_life_days": 120,
        "image": "banh-cay.svg",
        "batches": [
            {
                "lot": "BC2601A",
                "produced_on": "2026-01-20",
                "expires_on": "2026-05-20",
                "quantity": 600,
                "regions": ["33", "01", "31"],
                "stamps": 16,
                "pins": True,
                "status": "active",
                "events": [
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "in_progress",
                        "time": "2026-01-18T05:30:00+07:00",
                        "place_vi": "Bếp làm bánh của cơ sở, thôn Nguyên Xá",
                        "place_en": "The workshop's kitchen, Nguyên Xá village",
                        "ward_code": "12688",
                        "province_code": "33",
                        "lat": 20.5612,
                        "lon": 106.3348,
                        "gln": "8935306000015",
                        "note_vi": (
                            "Đồ xôi 120 kg nếp cái hoa vàng đã ngâm qua đêm; "
                            "một phần trộn gấc, ép, thái hạt lựu rồi phơi hai "
                            "nắng trên nong."
                        ),
                        "note_en": (
                            "Steamed 120 kg of sticky rice soaked overnight; part "
                            "of it was mixed with gấc, pressed, diced and dried "
                            "on trays over two sunny days."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "in_progress",
                        "time": "2026-01-20T06:00:00+07:00",
                        "place_vi": "Bếp làm bánh của cơ sở, thôn Nguyên Xá",
                        "place_en": "The workshop's kitchen, Nguyên Xá village",
                        "ward_code": "12688",
                        "province_code": "33",
                        "lat": 20.5612,
                        "lon": 106.3348,
                        "gln": "8935306000015",
                        "note_vi": (
                            "Rang bỏng nếp và hạt cáy; nấu mạch nha với đường "
                            "đến độ kéo sợi, trộn cùng lạc, vừng, lạp mỡ, gừng, "
                            "vỏ quýt rồi lèn vào 40 khuôn gỗ."
                        ),
                        "note_en": (
                            "Puffed the rice and the coloured grains; boiled the "
                            "malt syrup with sugar to the thread stage, mixed in "
                            "peanuts, sesame, pork fat, ginger and peel, and "
                            "packed 40 wooden moulds."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-01-20T14:30:00+07:00",
                        "place_vi": "Gian đóng gói của cơ sở, thôn Nguyên Xá",
                        "place_en": "The workshop's packing room, Nguyên Xá",
                        "ward_code": "12688",
                        "province_code": "33",
                        "lat": 20.5612,
                        "lon": 106.3348,
                        "gln": "8935306000015",
                        "note_vi": (
                            "Cắt bánh thành thanh, cho vào túi hàn kín rồi đóng "
                            "600 hộp giấy 500 g."
                        ),
                        "note_en": (
                            "Cut the blocks into bars, heat-sealed them in bags "
                            "and packed 600 paper boxes of 500 g."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-01-21T08:00:00+07:00",
                        "place_vi": "Gian đóng gói của cơ sở, thôn Nguyên Xá",
                        "place_en": "The workshop's packing room, Nguyên Xá",
                        "ward_code": "12688",
                        "province_code": "33",
                        "lat": 20.5612,
                        "lon": 106.3348,
                        "gln": "8935306000015",
                        "note_vi": (
                            "Dán tem QR truy xuất lên hộp; cân thử 10 hộp, hộp "
                            "nhẹ nhất 502 g."
                        ),
                        "note_en": (
                            "QR traceability stamps applied to the boxes; 10 "
                            "boxes weighed as a check, the lightest at 502 g."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-01-22T05:30:00+07:00",
                        "place_vi": "Sân cơ sở, thôn Nguyên Xá",
                        "place_en": "The workshop's yard, Nguyên Xá village",
                        "ward_code": "12688",
                        "province_code": "33",
                        "lat": 20.5612,
                        "lon": 106.3348,
                        "gln": "8935306000015",
                        "note_vi": (
                            "Xếp 240 hộp vào 12 thùng carton lên xe tải nhỏ "
                            "1,25 tấn đi Hà Nội; số còn lại bán tại cơ sở."
                        ),
                        "note_en": (
                            "240 boxes in 12 cartons loaded on a 1.25-tonne van "
                            "to Hà Nội; the rest are sold at the workshop."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-01-22T09:15:00+07:00",
                        "place_vi": "Cửa hàng đặc sản vùng miền, phường Hoàn Kiếm",
                        "place_en": "Regional specialty shop, Hoàn Kiếm ward",
                        "ward_code": "00070",
                        "province_code": "01",
                        "lat": 21.0318,
                        "lon": 105.8512,
                        "gln": None,
                        "note_vi": (
                            "Cửa hàng nhận đủ 12 thùng, hộp nguyên vẹn, hạn dùng "
                            "{expires_on}, bày ngay lên kệ."
                        ),
                        "note_en": (
                            "The shop received all 12 cartons intact, expiry "
                            "{expires_on}, and put them straight on the shelf."
                        ),
                    },
                ],
            },
            {
                "lot": "BC2609A",
                "produced_on": "2026-09-15",
                "expires_on": "2027-01-13",
                "quantity": 300,
                "regions": ["33", "01", "79"],
                "stamps": 14,
                "pins": False,
                "status": "active",
                "events": [
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "in_progress",
                        "time": "2026-09-13T06:00:00+07:00",
                        "place_vi": "Bếp làm bánh của cơ sở, thôn Nguyên Xá",
                        "place_en": "The workshop's kitchen, Nguyên Xá village",
                        "ward_code": "12688",
                        "province_code": "33",
                        "lat": 20.5612,
                        "lon": 106.3348,
                        "gln": "8935306000015",
                        "note_vi": (
                            "Đồ xôi 60 kg nếp cái hoa vàng vụ mùa; phần nếp "
                            "trộn gấc được ép, thái hạt lựu và sấy ở 60 °C vì "
                            "trời mưa."
                        ),
                        "note_en": (
                            "Steamed 60 kg of sticky rice from the autumn crop; "
                            "the gấc portion was pressed, diced and dried at "
                            "60 °C because of the rain."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "in_progress",
                        "time": "2026-09-15T06:00:00+07:00",
                        "place_vi": "Bếp làm bánh của cơ sở, thôn Nguyên Xá",
                        "place_en": "The workshop's kitchen, Nguyên Xá village",
                        "ward_code": "12688",
                        "province_code": "33",
                        "lat": 20.5612,
                        "lon": 106.3348,
                        "gln": "8935306000015",
                        "note_vi": (
                            "Nấu hai mẻ mạch nha, trộn với bỏng nếp, lạc, vừng, "
                            "lạp mỡ, gừng và vỏ quýt, lèn 20 khuôn gỗ, để nguội "
                            "sáu tiếng."
                        ),
                        "note_en": (
                            "Two pans of malt syrup mixed with the puffed rice, "
                            "peanuts, sesame, pork fat, ginger and peel; 20 "
                            "moulds filled and left six hours to cool."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-09-15T14:00:00+07:00",
                        "place_vi": "Gian đóng gói của cơ sở, thôn Nguyên Xá",
                        "place_en": "The workshop's packing room, Nguyên Xá",
                        "ward_code": "12688",
                        "province_code": "33",
                        "lat": 20.5612,
                        "lon": 106.3348,
                        "gln": "8935306000015",
                        "note_vi": (
                            "Đóng 300 hộp 500 g; mỗi túi bánh kèm một gói hút "
                            "ẩm vì hàng đi xa."
                        ),
                        "note_en": (
                            "Packed 300 boxes of 500 g, each bag with a "
                            "desiccant sachet for the long journey."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-09-16T08:30:00+07:00",
                        "place_vi": "Gian đóng gói của cơ sở, thôn Nguyên Xá",
                        "place_en": "The workshop's packing room, Nguyên Xá",
                        "ward_code": "12688",
                        "province_code": "33",
                        "lat": 20.5612,
                        "lon": 106.3348,
                        "gln": "8935306000015",
                        "note_vi": (
                            "Dán tem QR truy xuất lên từng hộp, in hạn dùng "
                            "{expires_on} trên đáy hộp."
                        ),
                        "note_en": (
                            "QR traceability stamp applied to each box, with the "
                            "expiry date {expires_on} printed on the base."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-09-17T07:00:00+07:00",
                        "place_vi": "Sân cơ sở, thôn Nguyên Xá",
                        "place_en": "The workshop's yard, Nguyên Xá village",
                        "ward_code": "12688",
                        "province_code": "33",
                        "lat": 20.5612,
                        "lon": 106.3348,
                        "gln": "8935306000015",
                        "note_vi": (
                            "Giao 15 thùng, 300 hộp cho xe tải ghép hàng tuyến "
                            "Bắc – Nam đi TP Hồ Chí Minh."
                        ),
                        "note_en": (
                            "15 cartons, 300 boxes, handed to a shared "
                            "north–south lorry bound for Hồ Chí Minh City."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-09-19T15:30:00+07:00",
                        "place_vi": "Cửa hàng đặc sản miền Bắc, phường Bến Thành",
                        "place_en": "Northern specialty shop, Bến Thành ward",
                        "ward_code": "26743",
                        "province_code": "79",
                        "lat": 10.7722,
                        "lon": 106.6983,
                        "gln": None,
                        "note_vi": (
                            "Nhận 15 thùng sau 56 giờ trên đường; kiểm tra ngẫu "
                            "nhiên 5 hộp, bánh còn giòn, không ẩm."
                        ),
                        "note_en": (
                            "15 cartons received after 56 hours on the road; 5 "
                            "boxes opened at random, bars still crisp and dry."
                        ),
                    },
                ],
            },
            {
                "lot": "BC2611A",
                "produced_on": "2026-11-10",
                "expires_on": "2027-03-10",
                "quantity": 250,
                "regions": ["33", "01", "24", "22"],
                "stamps": 12,
                "pins": True,
                "status": "active",
                "events": [
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "in_progress",
                        "time": "2026-11-08T05:45:00+07:00",
                        "place_vi": "Bếp làm bánh của cơ sở, thôn Nguyên Xá",
                        "place_en": "The workshop's kitchen, Nguyên Xá village",
                        "ward_code": "12688",
                        "province_code": "33",
                        "lat": 20.5612,
                        "lon": 106.3348,
                        "gln": "8935306000015",
                        "note_vi": (
                            "Đồ xôi 50 kg nếp mới; trời hanh khô nên hạt cáy "
                            "phơi nắng được trong một ngày."
                        ),
                        "note_en": (
                            "Steamed 50 kg of new-crop sticky rice; the dry "
                            "weather let the diced grains sun-dry in a day."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "in_progress",
                        "time": "2026-11-10T06:00:00+07:00",
                        "place_vi": "Bếp làm bánh của cơ sở, thôn Nguyên Xá",
                        "place_en": "The workshop's kitchen, Nguyên Xá village",
                        "ward_code": "12688",
                        "province_code": "33",
                        "lat": 20.5612,
                        "lon": 106.3348,
                        "gln": "8935306000015",
                        "note_vi": (
                            "Rang bỏng, nấu mạch nha, trộn và lèn 17 khuôn; gừng "
                            "và vỏ quýt được thái chỉ ngay trong buổi sáng."
                        ),
                        "note_en": (
                            "Rice puffed, syrup boiled, 17 moulds filled; the "
                            "ginger and tangerine peel were shredded that morning."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-11-10T15:00:00+07:00",
                        "place_vi": "Gian đóng gói của cơ sở, thôn Nguyên Xá",
                        "place_en": "The workshop's packing room, Nguyên Xá",
                        "ward_code": "12688",
                        "province_code": "33",
                        "lat": 20.5612,
                        "lon": 106.3348,
                        "gln": "8935306000015",
                        "note_vi": "Đóng 250 hộp 500 g, hàn kín túi bằng máy hàn tay.",
                        "note_en": (
                            "Packed 250 boxes of 500 g, bags closed with a hand sealer."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-11-11T08:00:00+07:00",
                        "place_vi": "Gian đóng gói của cơ sở, thôn Nguyên Xá",
                        "place_en": "The workshop's packing room, Nguyên Xá",
                        "ward_code": "12688",
                        "province_code": "33",
                        "lat": 20.5612,
                        "lon": 106.3348,
                        "gln": "8935306000015",
                        "note_vi": (
                            "Dán tem QR có lớp cào mã PIN lên hộp; cân thử 10 "
                            "hộp, đều từ 501 đến 506 g."
                        ),
                        "note_en": (
                            "QR stamps with a scratch-off PIN applied; 10 boxes "
                            "weighed, all between 501 and 506 g."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-11-12T07:30:00+07:00",
                        "place_vi": "Sân cơ sở, thôn Nguyên Xá",
                        "place_en": "The workshop's yard, Nguyên Xá village",
                        "ward_code": "12688",
                        "province_code": "33",
                        "lat": 20.5612,
                        "lon": 106.3348,
                        "gln": "8935306000015",
                        "note_vi": (
                            "Chở 60 hộp bằng xe bán tải đến phường Trần Hưng "
                            "Đạo, cách khoảng 15 km."
                        ),
                        "note_en": (
                            "60 boxes taken by pickup to Trần Hưng Đạo ward in "
                            "the former Thái Bình city, about 15 km away."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-11-12T08:30:00+07:00",
                        "place_vi": (
                            "Điểm giới thiệu sản phẩm OCOP, phường Trần Hưng Đạo"
                        ),
                        "place_en": "OCOP product showroom, Trần Hưng Đạo ward",
                        "ward_code": "12452",
                        "province_code": "33",
                        "lat": 20.4495,
                        "lon": 106.3415,
                        "gln": None,
                        "note_vi": (
                            "Nhận đủ 60 hộp, đối chiếu số lô {lot} với phiếu "
                            "giao hàng rồi bày lên quầy."
                        ),
                        "note_en": (
                            "All 60 boxes received, lot {lot} checked against "
                            "the delivery note, and set out on the counter."
                        ),
                    },
                ],
            },
        ],
    },
    {
        "key": "trung-vit-bien",
        "producer": "vit-bien",
        "gtin": "08935307000014",
        "name_vi": "Trứng vịt biển Tiền Hải",
        "name_en": "Tiền Hải sea duck eggs (trứng vịt biển)",
        "summary_vi": (
            "Trứng tươi của đàn vịt biển thả trên bãi bồi nước lợ ven biển Tiền "
            "Hải: quả to, lòng đỏ màu cam đậm, nhặt và đóng hộp ngay trong ngày."
        ),
        "summary_en": (
            "Fresh eggs from sea ducks that forage on the brackish mudflats of the "
            "Tiền Hải coast: large eggs with deep orange yolks, collected and "
            "boxed the same day."
        ),
        "story_vi": (
            "Tiền Hải là dải đất ven biển nằm giữa cửa sông Trà Lý và cửa Ba Lạt "
            "của sông Hồng, thuộc tỉnh Thái Bình cũ, nay là tỉnh Hưng Yên. Phía "
            "ngoài đê biển là những bãi bồi phù sa, đầm nước lợ và rừng ngập mặn, "
            "nơi có sẵn tôm, tép, còng, cáy và ốc nhỏ."
            "\n\n"
            "Vịt biển là giống vịt chịu được nước mặn, nước lợ. Giống vịt biển 15 "
            "– Đại Xuyên do Trung tâm Nghiên cứu vịt Đại Xuyên (Viện Chăn nuôi) "
            "chọn tạo đã được nhiều hộ ven biển đưa về nuôi. Khi nước triều rút, "
            "đàn vịt được lùa ra bãi tự kiếm mồi, tối về chuồng ăn thêm thóc, "
            "ngô. Trứng vịt biển to, thường nặng 75–85 g, lòng đỏ màu cam đậm, "
            "vị béo."
            "\n\n"
            "HTX Vịt biển Đồng Châu là nhóm hộ nuôi vịt ở thôn Đông Xuyên, lấy "
            "tên theo bãi biển Đồng Châu của vùng Tiền Hải. Trứng được nhặt mỗi "
            "sáng, soi đèn, cân và lau khô ngay trong ngày rồi đóng hộp 10 quả, "
            "nên thường đến tay người mua chỉ sau một, hai ngày."
        ),
        "story_en": (
            "Tiền Hải is a strip of coast between the mouths of the Trà Lý river "
            "and the Ba Lạt mouth of the Red River, in the former Thái Bình "
            "province and now in Hưng Yên. Beyond the sea dyke lie silt flats, "
            "brackish lagoons and mangroves full of shrimp, fiddler crabs, small "
            "cáy crabs and snails."
            "\n\n"
            "Sea ducks (vịt biển) are a breed that copes with salt and brackish "
            "water; the Vịt biển 15 – Đại Xuyên line, developed by the Đại Xuyên "
            "Duck Research Centre of the National Institute of Animal Science, "
            "is now kept by many coastal households. When the tide goes out the "
            "flock is driven onto the flats to forage, and in the evening it "
            "comes back to the shed for some paddy rice and maize. The eggs are "
            "large, usually 75–85 g, with deep orange, rich-tasting yolks."
            "\n\n"
            "HTX Vịt biển Đồng Châu is a group of duck-keeping households in "
            "Đông Xuyên hamlet, named after Tiền Hải's Đồng Châu beach. The eggs "
            "are collected every morning, candled, weighed and wiped dry the same "
            "day and boxed in tens, so they usually reach the buyer within one "
            "or two days."
        ),
        "ingredients_vi": (
            "Trứng vịt biển tươi nguyên vỏ (100%), loại I, từ 75 g mỗi quả."
        ),
        "ingredients_en": (
            "Fresh whole sea duck eggs (100%), grade I, 75 g or more each."
        ),
        "storage_vi": (
            "Bảo quản nơi thoáng mát hoặc ở ngăn mát tủ lạnh, đầu tù của quả "
            "trứng hướng lên; chỉ rửa trứng ngay trước khi dùng. Nấu chín kỹ "
            "trước khi ăn. Trứng hợp để luộc, rán, hấp hoặc làm trứng muối."
        ),
        "storage_en": (
            "Keep in a cool place or in the fridge, blunt end up, and wash the "
            "eggs only just before use. Cook thoroughly before eating. Good "
            "boiled, fried, steamed or salted."
        ),
        "category": "02",
        "ocop_stars": 4,
        "ocop_certificate_no": "QĐ 695/QĐ-UBND (demo)",
        "ocop_issuer": "UBND tỉnh Thái Bình",
        "ocop_certified_on": "2025-04-08",
        "trademark": None,
        "standards": ["VietGAHP", "TCCS 01:2024/VBDC"],
        "net_content": "10 quả",
        "shelf_life_days": 30,
        "image": "trung-vit-bien.svg",
        "batches": [
            {
                "lot": "TVB2601A",
                "produced_on": "2026-01-28",
                "expires_on": "2026-02-27",
                "quantity": 120,
                "regions": ["33", "01"],
                "stamps": 14,
                "pins": False,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2026-01-28T05:30:00+07:00",
                        "place_vi": "Chuồng vịt của HTX bên bãi bồi ngoài đê biển",
                        "place_en": (
                            "Cooperative duck shed by the mudflats outside the sea dyke"
                        ),
                        "ward_code": "12988",
                        "province_code": "33",
                        "lat": 20.3790,
                        "lon": 106.6010,
                        "gln": "8935307000014",
                        "note_vi": (
                            "Nhặt 1.320 quả từ đàn 1.600 vịt mái; rơm lót ổ "
                            "được thay mới từ chiều hôm trước."
                        ),
                        "note_en": (
                            "1,320 eggs collected from a flock of 1,600 laying "
                            "ducks; the nest straw was changed the evening before."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "inspecting",
                        "disposition": "conformant",
                        "time": "2026-01-28T08:00:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, thôn Đông Xuyên",
                        "place_en": "Cooperative grading room, Đông Xuyên hamlet",
                        "ward_code": "12988",
                        "province_code": "33",
                        "lat": 20.3905,
                        "lon": 106.5750,
                        "gln": "8935307000014",
                        "note_vi": (
                            "Soi đèn và cân từng quả; loại 46 quả nứt hoặc bẩn, "
                            "trứng đạt loại I nặng từ 75 g trở lên."
                        ),
                        "note_en": (
                            "Every egg candled and weighed; 46 cracked or dirty "
                            "eggs removed, grade I eggs weigh 75 g or more."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-01-28T10:00:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, thôn Đông Xuyên",
                        "place_en": "Cooperative grading room, Đông Xuyên hamlet",
                        "ward_code": "12988",
                        "province_code": "33",
                        "lat": 20.3905,
                        "lon": 106.5750,
                        "gln": "8935307000014",
                        "note_vi": (
                            "Lau khô vỏ, không rửa nước; xếp 120 hộp giấy 10 "
                            "quả, đầu tù hướng lên."
                        ),
                        "note_en": (
                            "Shells wiped dry, not washed; 120 paper boxes of 10 "
                            "packed, blunt end up."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-01-28T11:00:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, thôn Đông Xuyên",
                        "place_en": "Cooperative grading room, Đông Xuyên hamlet",
                        "ward_code": "12988",
                        "province_code": "33",
                        "lat": 20.3905,
                        "lon": 106.5750,
                        "gln": "8935307000014",
                        "note_vi": (
                            "Dán tem QR truy xuất lên nắp hộp, ghi ngày đẻ "
                            "{produced_on} và hạn dùng {expires_on}."
                        ),
                        "note_en": (
                            "QR traceability stamps applied to the lids, marked "
                            "laid {produced_on}, use by {expires_on}."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-01-29T05:00:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, thôn Đông Xuyên",
                        "place_en": "Cooperative grading room, Đông Xuyên hamlet",
                        "ward_code": "12988",
                        "province_code": "33",
                        "lat": 20.3905,
                        "lon": 106.5750,
                        "gln": "8935307000014",
                        "note_vi": (
                            "Xe tải nhỏ 1,5 tấn chở 80 hộp đi Hà Nội; các khay "
                            "trứng được chèn giấy chống xóc."
                        ),
                        "note_en": (
                            "A 1.5-tonne van took 80 boxes to Hà Nội, the trays "
                            "padded with paper against jolts."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-01-29T09:30:00+07:00",
                        "place_vi": "Cửa hàng thực phẩm sạch, phường Cầu Giấy",
                        "place_en": "Fresh-food shop, Cầu Giấy ward",
                        "ward_code": "00167",
                        "province_code": "01",
                        "lat": 21.0325,
                        "lon": 105.7985,
                        "gln": None,
                        "note_vi": (
                            "Nhận 80 hộp, mở kiểm 10 hộp không có quả vỡ; trứng "
                            "được bày ở quầy mát."
                        ),
                        "note_en": (
                            "80 boxes received; 10 opened with no broken eggs. "
                            "Displayed in the chilled counter."
                        ),
                    },
                ],
            },
            {
                "lot": "TVB2611A",
                "produced_on": "2026-11-06",
                "expires_on": "2026-12-06",
                "quantity": 120,
                "regions": ["33", "31"],
                "stamps": 16,
                "pins": True,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2026-11-06T05:15:00+07:00",
                        "place_vi": "Chuồng vịt của HTX bên bãi bồi ngoài đê biển",
                        "place_en": (
                            "Cooperative duck shed by the mudflats outside the sea dyke"
                        ),
                        "ward_code": "12988",
                        "province_code": "33",
                        "lat": 20.379,
                        "lon": 106.601,
                        "gln": "8935307000014",
                        "note_vi": (
                            "Nhặt 1.410 quả từ đàn 1.650 vịt mái, đựng trong sọt tre "
                            "lót trấu đưa về nhà sơ chế."
                        ),
                        "note_en": (
                            "1,410 eggs collected from 1,650 laying ducks and carried "
                            "to the grading room in rice-husk-lined baskets."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "inspecting",
                        "disposition": "conformant",
                        "time": "2026-11-06T07:30:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, thôn Đông Xuyên",
                        "place_en": "Cooperative grading room, Đông Xuyên hamlet",
                        "ward_code": "12988",
                        "province_code": "33",
                        "lat": 20.3905,
                        "lon": 106.575,
                        "gln": "8935307000014",
                        "note_vi": (
                            "Soi đèn và cân từng quả, trung bình 81 g; loại 38 quả nứt "
                            "hoặc méo."
                        ),
                        "note_en": (
                            "Every egg candled and weighed, 81 g on average; 38 "
                            "cracked or misshapen eggs removed."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-11-06T09:30:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, thôn Đông Xuyên",
                        "place_en": "Cooperative grading room, Đông Xuyên hamlet",
                        "ward_code": "12988",
                        "province_code": "33",
                        "lat": 20.3905,
                        "lon": 106.575,
                        "gln": "8935307000014",
                        "note_vi": (
                            "Đóng 120 hộp 10 quả; số trứng còn lại bán rời cho các "
                            "quán ăn trong xã."
                        ),
                        "note_en": (
                            "120 boxes of 10 packed; the remaining eggs were sold "
                            "loose to eateries in the commune."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-11-06T10:30:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, thôn Đông Xuyên",
                        "place_en": "Cooperative grading room, Đông Xuyên hamlet",
                        "ward_code": "12988",
                        "province_code": "33",
                        "lat": 20.3905,
                        "lon": 106.575,
                        "gln": "8935307000014",
                        "note_vi": (
                            "Dán tem QR có lớp cào mã PIN lên nắp hộp, ghi ngày đẻ "
                            "{produced_on}."
                        ),
                        "note_en": (
                            "QR stamps with a scratch-off PIN applied to the lids, "
                            "marked laid {produced_on}."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-11-07T05:30:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, thôn Đông Xuyên",
                        "place_en": "Cooperative grading room, Đông Xuyên hamlet",
                        "ward_code": "12988",
                        "province_code": "33",
                        "lat": 20.3905,
                        "lon": 106.575,
                        "gln": "8935307000014",
                        "note_vi": (
                            "Xe tải nhỏ chở 90 hộp đi Hải Phòng, khay trứng xếp không "
                            "quá sáu tầng."
                        ),
                        "note_en": (
                            "A small lorry took 90 boxes to Hải Phòng, with the trays "
                            "stacked no more than six high."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-11-07T08:00:00+07:00",
                        "place_vi": "Sạp trứng gia cầm ở chợ dân sinh, phường Lê Chân",
                        "place_en": "Egg stall in a neighbourhood market, Lê Chân ward",
                        "ward_code": "11383",
                        "province_code": "31",
                        "lat": 20.8465,
                        "lon": 106.679,
                        "gln": None,
                        "note_vi": (
                            "Chủ sạp nhận 90 hộp, soi thử 20 quả, tất cả còn nguyên và "
                            "tươi."
                        ),
                        "note_en": (
                            "The stallholder received 90 boxes and candled 20 eggs as "
                            "a check: all whole and fresh."
                        ),
                    },
                ],
            },
            {
                "lot": "TVB2611B",
                "produced_on": "2026-11-17",
                "expires_on": "2026-12-17",
                "quantity": 100,
                "regions": ["33", "01", "31"],
                "stamps": 12,
                "pins": True,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2026-11-17T05:20:00+07:00",
                        "place_vi": "Chuồng vịt của HTX bên bãi bồi ngoài đê biển",
                        "place_en": (
                            "Cooperative duck shed by the mudflats outside the sea dyke"
                        ),
                        "ward_code": "12988",
                        "province_code": "33",
                        "lat": 20.379,
                        "lon": 106.601,
                        "gln": "8935307000014",
                        "note_vi": (
                            "Nhặt 1.280 quả; gió mùa đông bắc tràn về nên sáng nay "
                            "đàn vịt được giữ trong chuồng, chưa thả ra bãi."
                        ),
                        "note_en": (
                            "1,280 eggs collected; with the north-east monsoon "
                            "blowing in, the flock stayed in the shed this morning "
                            "instead of going out to the flats."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-11-17T09:00:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, thôn Đông Xuyên",
                        "place_en": "Cooperative grading room, Đông Xuyên hamlet",
                        "ward_code": "12988",
                        "province_code": "33",
                        "lat": 20.3905,
                        "lon": 106.575,
                        "gln": "8935307000014",
                        "note_vi": (
                            "Soi đèn, cân, lau khô rồi đóng 100 hộp 10 quả; loại 31 "
                            "quả không đạt."
                        ),
                        "note_en": (
                            "Eggs candled, weighed and wiped dry, then 100 boxes of 10 "
                            "packed; 31 eggs rejected."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-11-17T10:00:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, thôn Đông Xuyên",
                        "place_en": "Cooperative grading room, Đông Xuyên hamlet",
                        "ward_code": "12988",
                        "province_code": "33",
                        "lat": 20.3905,
                        "lon": 106.575,
                        "gln": "8935307000014",
                        "note_vi": (
                            "Dán tem QR có lớp cào mã PIN, ghi hạn dùng {expires_on} "
                            "trên nắp hộp."
                        ),
                        "note_en": (
                            "QR stamps with a scratch-off PIN applied, use-by date "
                            "{expires_on} on the lids."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-11-18T06:00:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, thôn Đông Xuyên",
                        "place_en": "Cooperative grading room, Đông Xuyên hamlet",
                        "ward_code": "12988",
                        "province_code": "33",
                        "lat": 20.3905,
                        "lon": 106.575,
                        "gln": "8935307000014",
                        "note_vi": (
                            "Xe bán tải chở 40 hộp vào phường Trần Lãm, quãng đường "
                            "khoảng 30 km."
                        ),
                        "note_en": (
                            "A pickup took 40 boxes to Trần Lãm ward, a drive of about "
                            "30 km."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-11-18T07:15:00+07:00",
                        "place_vi": "Cửa hàng thực phẩm, phường Trần Lãm",
                        "place_en": "Food shop, Trần Lãm ward",
                        "ward_code": "12454",
                        "province_code": "33",
                        "lat": 20.433,
                        "lon": 106.356,
                        "gln": None,
                        "note_vi": (
                            "Cửa hàng nhận 40 hộp, cất vào tủ mát 8 °C trước khi bày "
                            "bán."
                        ),
                        "note_en": (
                            "The shop received 40 boxes and put them in an 8 °C "
                            "chiller before display."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "retail_selling",
                        "disposition": "sellable_accessible",
                        "time": "2026-11-18T16:40:00+07:00",
                        "place_vi": "Cửa hàng thực phẩm, phường Trần Lãm",
                        "place_en": "Food shop, Trần Lãm ward",
                        "ward_code": "12454",
                        "province_code": "33",
                        "lat": 20.433,
                        "lon": 106.356,
                        "gln": None,
                        "note_vi": (
                            "Bán những hộp đầu tiên của lô; người mua quét tem để xem "
                            "ngày đẻ và nơi nuôi."
                        ),
                        "note_en": (
                            "First boxes of the lot sold; shoppers scanned the stamp "
                            "to see the laying date and the farm."
                        ),
                    },
                ],
            },
        ],
    },
]
