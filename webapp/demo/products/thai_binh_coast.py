"""Demo products from coastal and riverside Thái Bình: ruốc bề bề and mắm cáy."""

PRODUCTS = [
    {
        "key": "ruoc-be-be",
        "producer": "hai-san-nam-cuong",
        "gtin": "08935308000013",
        "name_vi": "Ruốc bề bề Nam Cường",
        "name_en": "Nam Cường ruốc bề bề (mantis shrimp floss)",
        "summary_vi": (
            "Ruốc làm từ thịt bề bề đánh bắt gần bờ biển Nam Cường, hấp chín, gỡ thịt, "
            "xé tơi rồi rang lửa nhỏ với nước mắm cho đến khi khô, tơi và vàng óng."
        ),
        "summary_en": (
            "Floss made from mantis shrimp caught off the Nam Cường coast: steamed, "
            "shelled, shredded and slowly pan-dried with fish sauce until dry, fluffy "
            "and golden."
        ),
        "story_vi": (
            "Bề bề, nơi khác gọi là tôm tít, sống ở những bãi bùn cát dọc bờ biển Thái "
            "Bình cũ, nhiều nhất là vùng biển Tiền Hải. Từ mùa thu đến hết mùa xuân, "
            "khi bề bề chắc thịt và nhiều gạch nhất, ngư dân đi thuyền từ nửa đêm, thả "
            "lưới gần bờ và cập bến lúc rạng sáng với những sọt bề bề còn búng tanh "
            "tách."
            "\n\n"
            "Từ lâu, các gia đình vùng biển vẫn làm ruốc để dành bề bề ăn quanh năm. "
            "Bề bề rửa sạch, hấp chín, dùng kéo cắt dọc hai bên vỏ rồi gỡ lấy thịt; "
            "thịt được xé tơi, nêm nước mắm rồi rang trên chảo lớn, lửa liu riu, đảo "
            "liên tục hàng giờ liền cho đến khi sợi ruốc khô, tơi và vàng óng. Khoảng "
            "mười cân bề bề tươi mới làm được một cân ruốc."
            "\n\n"
            "Công ty TNHH Hải sản Biển Nam Cường mua bề bề đánh bắt trong ngày của các "
            "thuyền quen ở địa phương và chế biến ngay tại xưởng trong xã. Mỗi lô đều "
            "ghi lại ngày đánh bắt, ngày rang và ngày đóng hũ để người mua có thể tra "
            "cứu."
        ),
        "story_en": (
            "Bề bề – mantis shrimp, called tôm tít elsewhere in Vietnam – live on the "
            "sandy mud flats along the coast of former Thái Bình and are most "
            "plentiful in the waters off Tiền Hải. From autumn to the end of spring, "
            "when they are fullest of meat and roe, fishermen head out around "
            "midnight, set their nets close to shore and land at dawn with baskets of "
            "shrimp still snapping."
            "\n\n"
            "Coastal families have long made ruốc (floss) to keep bề bề through the "
            "year. The shrimp are washed and steamed, cut open along both sides of the "
            "shell with scissors and picked clean; the meat is pulled into fine "
            "threads, seasoned with fish sauce and stirred for hours in a wide pan "
            "over a low fire until it turns dry, fluffy and golden. It takes about ten "
            "kilos of fresh bề bề to make one kilo of ruốc."
            "\n\n"
            "Hải sản Biển Nam Cường buys the same-day catch from local boats it knows "
            "well and processes it in its own workshop in the commune. Every lot "
            "records the day of catch, the days of pan-drying and the packing date, so "
            "buyers can look them up."
        ),
        "ingredients_vi": (
            "Thịt bề bề 90%, nước mắm, đường, hạt tiêu đen. Sản phẩm có chứa giáp xác "
            "và cá (từ nước mắm)."
        ),
        "ingredients_en": (
            "Mantis shrimp meat 90%, fish sauce, sugar, black pepper. Contains "
            "crustaceans and fish (from the fish sauce)."
        ),
        "storage_vi": (
            "Bảo quản nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp. Sau khi mở "
            "nắp, đậy kín, để ngăn mát tủ lạnh và dùng hết trong 1 tháng. Ăn kèm cơm "
            "trắng, cháo, xôi hoặc bánh mì."
        ),
        "storage_en": (
            "Keep in a cool, dry place away from direct sunlight. Once opened, close "
            "tightly, refrigerate and finish within 1 month. Eat with steamed rice, "
            "rice porridge, sticky rice or bread."
        ),
        "category": "08",
        "ocop_stars": 4,
        "ocop_certificate_no": "QĐ 3127/QĐ-UBND (demo)",
        "ocop_issuer": "UBND tỉnh Hưng Yên",
        "ocop_certified_on": "2025-11-26",
        "trademark": None,
        "standards": ["TCCS 01:2025/HSNC", "HACCP"],
        "net_content": "200 g",
        "shelf_life_days": 180,
        "image": "ruoc-be-be.svg",
        "batches": [
            {
                "lot": "RBB2601A",
                "produced_on": "2026-01-20",
                "expires_on": "2026-07-19",
                "quantity": 460,
                "regions": ["33", "01", "79"],
                "stamps": 20,
                "pins": True,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2026-01-17T06:15:00+07:00",
                        "place_vi": "Bãi thuyền ven biển Nam Cường",
                        "place_en": "Nam Cường beach landing",
                        "ward_code": "13057",
                        "province_code": "33",
                        "lat": 20.3561,
                        "lon": 106.5982,
                        "gln": None,
                        "note_vi": (
                            "Thu mua 1.050 kg bề bề của 9 thuyền lưới gần bờ cập bến "
                            "lúc rạng sáng; bề bề còn sống, được ướp đá vảy ngay trong "
                            "thùng cách nhiệt."
                        ),
                        "note_en": (
                            "Bought 1,050 kg of mantis shrimp from nine inshore net "
                            "boats landing at dawn; the catch was still alive and went "
                            "straight into insulated boxes with flake ice."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "in_progress",
                        "time": "2026-01-18T17:00:00+07:00",
                        "place_vi": "Xưởng chế biến của công ty, thôn Nam Hưng",
                        "place_en": "Company processing workshop, Nam Hưng hamlet",
                        "ward_code": "13057",
                        "province_code": "33",
                        "lat": 20.3684,
                        "lon": 106.5561,
                        "gln": "8935308000013",
                        "note_vi": (
                            "Bề bề được hấp chín, cắt vỏ, gỡ được khoảng 265 kg thịt, "
                            "xé tơi rồi rang lửa nhỏ với nước mắm trong hai ngày. Thu "
                            "được 93 kg ruốc, độ ẩm đo được 13%."
                        ),
                        "note_en": (
                            "The shrimp were steamed and shelled, giving about 265 kg "
                            "of meat, which was shredded and pan-dried with fish sauce "
                            "over a low fire for two days. Yield: 93 kg of floss at "
                            "13% moisture."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-01-20T09:30:00+07:00",
                        "place_vi": "Xưởng chế biến của công ty, thôn Nam Hưng",
                        "place_en": "Company processing workshop, Nam Hưng hamlet",
                        "ward_code": "13057",
                        "province_code": "33",
                        "lat": 20.3684,
                        "lon": 106.5561,
                        "gln": "8935308000013",
                        "note_vi": (
                            "Ruốc để nguội được đóng vào 460 hũ 200 g, hàn màng nhôm "
                            "miệng hũ rồi vặn nắp; cân kiểm tra ngẫu nhiên 20 hũ, tất "
                            "cả đều đủ khối lượng."
                        ),
                        "note_en": (
                            "The cooled floss was filled into 460 jars of 200 g, each "
                            "sealed with a foil liner and capped; 20 jars weighed at "
                            "random were all on weight."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-01-20T15:00:00+07:00",
                        "place_vi": "Kho thành phẩm của công ty, thôn Nam Hưng",
                        "place_en": "Company finished-goods store, Nam Hưng hamlet",
                        "ward_code": "13057",
                        "province_code": "33",
                        "lat": 20.3686,
                        "lon": 106.5565,
                        "gln": "8935308000013",
                        "note_vi": (
                            "Dán tem truy xuất QR có mã PIN cào lên các hũ của lô "
                            "{lot}, xếp thùng carton 24 hũ và nhập kho khô, thoáng."
                        ),
                        "note_en": (
                            "QR traceability stamps with scratch-off PINs were applied "
                            "to the jars of lot {lot}, packed 24 to a carton and "
                            "put into the dry store."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-01-22T07:30:00+07:00",
                        "place_vi": "Kho thành phẩm của công ty, thôn Nam Hưng",
                        "place_en": "Company finished-goods store, Nam Hưng hamlet",
                        "ward_code": "13057",
                        "province_code": "33",
                        "lat": 20.3686,
                        "lon": 106.5565,
                        "gln": "8935308000013",
                        "note_vi": (
                            "Xuất 5 thùng (120 hũ) cho một cửa hàng đặc sản miền Bắc ở "
                            "TP Hồ Chí Minh, gửi theo xe tải ghép hàng tuyến Bắc – Nam."
                        ),
                        "note_en": (
                            "Five cartons (120 jars) dispatched to a "
                            "northern-specialty shop in Ho Chi Minh City on a shared "
                            "north–south freight truck."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-01-24T15:00:00+07:00",
                        "place_vi": "Cửa hàng đặc sản miền Bắc, phường Bàn Cờ",
                        "place_en": "Northern-specialty shop, Bàn Cờ ward",
                        "ward_code": "27160",
                        "province_code": "79",
                        "lat": 10.7738,
                        "lon": 106.6825,
                        "gln": None,
                        "note_vi": (
                            "Cửa hàng nhận đủ 120 hũ, tem và màng seal còn nguyên; "
                            "hàng được bày bán ngay."
                        ),
                        "note_en": (
                            "The shop received all 120 jars with stamps and seals "
                            "intact and put them straight on sale."
                        ),
                    },
                ],
            },
            {
                "lot": "RBB2610A",
                "produced_on": "2026-10-22",
                "expires_on": "2027-04-20",
                "quantity": 380,
                "regions": ["33", "01"],
                "stamps": 16,
                "pins": False,
                "status": "recalled",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2026-10-19T05:45:00+07:00",
                        "place_vi": "Bãi thuyền ven biển Nam Cường",
                        "place_en": "Nam Cường beach landing",
                        "ward_code": "13057",
                        "province_code": "33",
                        "lat": 20.3561,
                        "lon": 106.5982,
                        "gln": None,
                        "note_vi": (
                            "Thu mua 870 kg bề bề đầu vụ của 7 thuyền lưới gần bờ; con "
                            "đều, được phân loại và ướp đá vảy ngay tại bến."
                        ),
                        "note_en": (
                            "Bought 870 kg of early-season mantis shrimp from seven "
                            "inshore net boats; the catch was even in size, graded and "
                            "iced on the spot."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "in_progress",
                        "time": "2026-10-20T17:30:00+07:00",
                        "place_vi": "Xưởng chế biến của công ty, thôn Nam Hưng",
                        "place_en": "Company processing workshop, Nam Hưng hamlet",
                        "ward_code": "13057",
                        "province_code": "33",
                        "lat": 20.3684,
                        "lon": 106.5561,
                        "gln": "8935308000013",
                        "note_vi": (
                            "Hấp chín và gỡ được khoảng 220 kg thịt, xé tơi rồi rang "
                            "với nước mắm trong hai ngày. Thu được 78 kg ruốc, độ ẩm "
                            "đo được 12%."
                        ),
                        "note_en": (
                            "Steamed and shelled for about 220 kg of meat, shredded "
                            "and pan-dried with fish sauce over two days. Yield: 78 kg "
                            "of floss at 12% moisture."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-10-22T09:30:00+07:00",
                        "place_vi": "Xưởng chế biến của công ty, thôn Nam Hưng",
                        "place_en": "Company processing workshop, Nam Hưng hamlet",
                        "ward_code": "13057",
                        "province_code": "33",
                        "lat": 20.3684,
                        "lon": 106.5561,
                        "gln": "8935308000013",
                        "note_vi": (
                            "Đóng 380 hũ 200 g trên máy hàn màng miệng hũ; giữ lại 6 "
                            "hũ của ca làm mẫu lưu để kiểm tra định kỳ."
                        ),
                        "note_en": (
                            "380 jars of 200 g were filled and foil-sealed on the "
                            "capping line; 6 jars from the shift were kept as retained "
                            "samples for routine checks."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-10-22T14:00:00+07:00",
                        "place_vi": "Kho thành phẩm của công ty, thôn Nam Hưng",
                        "place_en": "Company finished-goods store, Nam Hưng hamlet",
                        "ward_code": "13057",
                        "province_code": "33",
                        "lat": 20.3686,
                        "lon": 106.5565,
                        "gln": "8935308000013",
                        "note_vi": (
                            "Dán tem truy xuất QR lên các hũ của lô {lot}, xếp "
                            "thùng carton 24 hũ và nhập kho."
                        ),
                        "note_en": (
                            "QR traceability stamps were applied to the jars of lot "
                            "{lot}, packed 24 to a carton and put into store."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-10-24T08:00:00+07:00",
                        "place_vi": "Kho thành phẩm của công ty, thôn Nam Hưng",
                        "place_en": "Company finished-goods store, Nam Hưng hamlet",
                        "ward_code": "13057",
                        "province_code": "33",
                        "lat": 20.3686,
                        "lon": 106.5565,
                        "gln": "8935308000013",
                        "note_vi": (
                            "Xuất 6 thùng (144 hũ) cho hai cửa hàng thực phẩm sạch ở "
                            "Hà Nội bằng xe tải nhỏ của công ty."
                        ),
                        "note_en": (
                            "Six cartons (144 jars) dispatched to two fresh-food shops "
                            "in Hà Nội in the company's small truck."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "inspecting",
                        "disposition": "recalled",
                        "time": "2026-11-06T10:00:00+07:00",
                        "place_vi": (
                            "Phòng kiểm tra chất lượng của công ty, thôn Nam Hưng"
                        ),
                        "place_en": "Company quality-control room, Nam Hưng hamlet",
                        "ward_code": "13057",
                        "province_code": "33",
                        "lat": 20.3684,
                        "lon": 106.5561,
                        "gln": "8935308000013",
                        "note_vi": (
                            "Khi kiểm tra mẫu lưu, phát hiện 2 trong 6 hũ có mép màng "
                            "seal bám không kín do nhiệt độ đầu hàn trong ca đóng gói "
                            "không ổn định; ruốc trong hũ chưa có dấu hiệu hư hỏng. Để "
                            "phòng ngừa, công ty đã thu hồi toàn bộ lô; khách đã mua "
                            "có thể liên hệ công ty để được đổi hoặc hoàn tiền."
                        ),
                        "note_en": (
                            "A check of retained samples found that the foil seal had "
                            "not fully bonded at the rim on 2 of 6 jars, because the "
                            "sealing head temperature was unstable during that shift; "
                            "the floss itself showed no sign of spoilage. As a "
                            "precaution the company has withdrawn the whole lot, and "
                            "buyers can contact it for a replacement or refund."
                        ),
                    },
                ],
            },
            {
                "lot": "RBB2611A",
                "produced_on": "2026-11-10",
                "expires_on": "2027-05-09",
                "quantity": 420,
                "regions": ["33", "31", "22"],
                "stamps": 18,
                "pins": True,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2026-11-07T06:00:00+07:00",
                        "place_vi": "Bãi thuyền ven biển Nam Cường",
                        "place_en": "Nam Cường beach landing",
                        "ward_code": "13057",
                        "province_code": "33",
                        "lat": 20.3561,
                        "lon": 106.5982,
                        "gln": None,
                        "note_vi": (
                            "Thu mua 960 kg bề bề của 8 thuyền lưới gần bờ sau một đêm "
                            "biển êm; bề bề còn sống, được ướp đá vảy trong thùng cách "
                            "nhiệt."
                        ),
                        "note_en": (
                            "Bought 960 kg of mantis shrimp from eight inshore net "
                            "boats after a calm night at sea; the live catch was "
                            "packed in insulated boxes with flake ice."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "in_progress",
                        "time": "2026-11-08T17:30:00+07:00",
                        "place_vi": "Xưởng chế biến của công ty, thôn Nam Hưng",
                        "place_en": "Company processing workshop, Nam Hưng hamlet",
                        "ward_code": "13057",
                        "province_code": "33",
                        "lat": 20.3684,
                        "lon": 106.5561,
                        "gln": "8935308000013",
                        "note_vi": (
                            "Hấp chín và gỡ được khoảng 240 kg thịt, xé tơi rồi rang "
                            "với nước mắm trong hai ngày. Thu được 86 kg ruốc, độ ẩm "
                            "đo được 12%."
                        ),
                        "note_en": (
                            "Steamed and shelled for about 240 kg of meat, shredded "
                            "and pan-dried with fish sauce over two days. Yield: 86 kg "
                            "of floss at 12% moisture."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-11-10T09:00:00+07:00",
                        "place_vi": "Xưởng chế biến của công ty, thôn Nam Hưng",
                        "place_en": "Company processing workshop, Nam Hưng hamlet",
                        "ward_code": "13057",
                        "province_code": "33",
                        "lat": 20.3684,
                        "lon": 106.5561,
                        "gln": "8935308000013",
                        "note_vi": (
                            "Đóng 420 hũ 200 g trên máy hàn màng vừa được bảo dưỡng và "
                            "hiệu chỉnh nhiệt độ; mép màng seal của từng hũ được kiểm "
                            "tra bằng mắt trước khi vặn nắp."
                        ),
                        "note_en": (
                            "420 jars of 200 g were filled on the sealer, freshly "
                            "serviced and recalibrated; every foil seal was checked by "
                            "eye at the rim before capping."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-11-10T14:30:00+07:00",
                        "place_vi": "Kho thành phẩm của công ty, thôn Nam Hưng",
                        "place_en": "Company finished-goods store, Nam Hưng hamlet",
                        "ward_code": "13057",
                        "province_code": "33",
                        "lat": 20.3686,
                        "lon": 106.5565,
                        "gln": "8935308000013",
                        "note_vi": (
                            "Dán tem truy xuất QR có mã PIN cào lên các hũ của lô "
                            "{lot}, xếp thùng carton 24 hũ và nhập kho."
                        ),
                        "note_en": (
                            "QR traceability stamps with scratch-off PINs were applied "
                            "to the jars of lot {lot}, packed 24 to a carton and "
                            "put into store."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-11-12T07:00:00+07:00",
                        "place_vi": "Kho thành phẩm của công ty, thôn Nam Hưng",
                        "place_en": "Company finished-goods store, Nam Hưng hamlet",
                        "ward_code": "13057",
                        "province_code": "33",
                        "lat": 20.3686,
                        "lon": 106.5565,
                        "gln": "8935308000013",
                        "note_vi": (
                            "Xuất 4 thùng (96 hũ) cho một cửa hàng đặc sản ở Hải Phòng "
                            "bằng xe tải nhỏ của công ty."
                        ),
                        "note_en": (
                            "Four cartons (96 jars) dispatched to a specialty food "
                            "shop in Hải Phòng in the company's small truck."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-11-12T09:45:00+07:00",
                        "place_vi": "Cửa hàng đặc sản vùng biển, phường Lê Chân",
                        "place_en": "Coastal specialty shop, Lê Chân ward",
                        "ward_code": "11383",
                        "province_code": "31",
                        "lat": 20.8457,
                        "lon": 106.6792,
                        "gln": None,
                        "note_vi": (
                            "Cửa hàng kiểm đếm đủ 96 hũ, tem và màng seal nguyên vẹn, "
                            "rồi bày lên kệ hàng khô."
                        ),
                        "note_en": (
                            "The shop counted all 96 jars, found stamps and seals "
                            "intact and shelved them with the dry goods."
                        ),
                    },
                ],
            },
        ],
    },
    {
        "key": "mam-cay",
        "producer": "mam-cay",
        "gtin": "08935309000012",
        "name_vi": "Mắm cáy Kiến Xương",
        "name_en": "Kiến Xương mắm cáy (fermented small-crab paste)",
        "summary_vi": (
            "Mắm cáy làm theo lối cổ truyền từ những con cáy bắt trên bãi bồi nước lợ "
            "ven sông Hồng, giã với muối và ủ nắng nhiều tuần, vị mặn đậm, thơm nồng, "
            "hợp chấm rau luộc."
        ),
        "summary_en": (
            "Traditional paste of small 'cáy' crabs from the brackish flats along the "
            "Hồng (Red) river, pounded with salt and sun-fermented for weeks: rich, "
            "salty and pungent, made for dipping boiled greens."
        ),
        "story_vi": (
            "Cáy là loài cua nhỏ, mai chỉ bằng đốt ngón tay, đào hang trên các bãi bồi "
            "và bờ ruộng nước lợ ven sông Hồng thuộc vùng Kiến Xương cũ. Lúc nước "
            "ròng, người dân ra bãi đào hang, bắt cáy bằng tay; cáy ngon nhất vào mùa "
            "xuân và đầu thu, khi con nào cũng chắc thịt, nhiều gạch."
            "\n\n"
            "Cáy mang về được thả vào nước sạch cho nhả hết bùn, bóc yếm, rửa kỹ rồi "
            "giã nhuyễn với muối và một ít thính gạo rang. Mắm cho vào chum sành, phơi "
            "nắng, ngày ngày dùng đũa cả khuấy đều; sau vài tuần đến vài tháng, khi "
            "mắm chuyển màu nâu sánh và dậy mùi thơm là dùng được. Mắm cáy chấm rau "
            "muống, rau khoai luộc, ăn kèm cà pháo hay nêm nồi canh riêu, bát bún riêu "
            "đều đậm đà vị quê."
            "\n\n"
            "Hộ kinh doanh Mắm cáy Ven Sông Hồng làm mắm theo cách của các gia đình "
            "trong thôn: thu mua cáy bà con bắt trong ngày, ủ trong chum sành và chỉ "
            "đóng hũ khi mắm đã đủ ngày."
        ),
        "story_en": (
            "Cáy are small crabs, their shells barely wider than a thumb, that burrow "
            "into the mud flats and brackish paddy banks along the Hồng (Red) river in "
            "the former Kiến Xương district. At low tide villagers go out onto the "
            "flats to dig them from their holes by hand; they are best in spring and "
            "early autumn, when they are full of meat and roe."
            "\n\n"
            "The crabs are left in clean water to purge the mud, their aprons are "
            "removed, and after a thorough wash they are pounded to a paste with salt "
            "and a little roasted rice powder (thính). The paste goes into earthenware "
            "jars set out in the sun and is stirred every day with a long paddle; "
            "after a few weeks to a few months, once it has turned thick and brown and "
            "smells rich, it is ready. Mắm cáy is the classic dip for boiled water "
            "spinach or sweet-potato leaves and goes well with pickled aubergines (cà "
            "pháo); it also seasons crab soup (canh riêu) and bún riêu noodles."
            "\n\n"
            "The Mắm cáy Ven Sông Hồng household makes its paste the way families in "
            "the hamlet always have: buying crabs caught that day, fermenting them in "
            "earthenware jars and bottling only when the paste has had its full time."
        ),
        "ingredients_vi": (
            "Cáy tươi 75%, muối biển, thính gạo rang. Sản phẩm có chứa giáp xác."
        ),
        "ingredients_en": (
            "Fresh cáy crabs 75%, sea salt, roasted rice powder (thính). Contains "
            "crustaceans."
        ),
        "storage_vi": (
            "Bảo quản nơi thoáng mát, tránh ánh nắng; sau khi mở nắp, đậy kín và để "
            "ngăn mát tủ lạnh. Khi ăn, lấy lượng vừa đủ, thêm chút đường, tỏi, ớt, vắt "
            "chanh hoặc quất rồi khuấy đều; chấm rau luộc, thịt luộc hoặc nêm canh "
            "riêu, bún riêu."
        ),
        "storage_en": (
            "Keep in a cool place out of the sun; once opened, close tightly and "
            "refrigerate. To serve, spoon out what you need, add a little sugar, "
            "garlic, chilli and a squeeze of lime or kumquat and stir well; dip boiled "
            "greens or boiled pork, or use it to season crab soup and bún riêu."
        ),
        "category": "09",
        "ocop_stars": 3,
        "ocop_certificate_no": "QĐ 2846/QĐ-UBND (demo)",
        "ocop_issuer": "UBND tỉnh Thái Bình",
        "ocop_certified_on": "2024-12-20",
        "trademark": None,
        "standards": ["TCCS 01:2024/MCVSH"],
        "net_content": "500 g",
        "shelf_life_days": 365,
        "image": "mam-cay.svg",
        "batches": [
            {
                "lot": "MC2512A",
                "produced_on": "2025-12-18",
                "expires_on": "2026-12-18",
                "quantity": 240,
                "regions": ["33", "01"],
                "stamps": 16,
                "pins": False,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2025-09-22T16:30:00+07:00",
                        "place_vi": "Bãi bồi nước lợ ven sông Hồng",
                        "place_en": "Brackish flats on the Hồng river bank",
                        "ward_code": "13183",
                        "province_code": "33",
                        "lat": 20.3475,
                        "lon": 106.4618,
                        "gln": None,
                        "note_vi": (
                            "Thu mua 150 kg cáy tươi do bà con trong xã bắt lúc nước "
                            "ròng; cáy còn sống, đều con, đựng trong sọt tre lót rơm "
                            "ẩm."
                        ),
                        "note_en": (
                            "Bought 150 kg of live cáy crabs caught by villagers at "
                            "low tide; they were even in size and carried in bamboo "
                            "baskets lined with damp straw."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "in_progress",
                        "time": "2025-09-23T11:00:00+07:00",
                        "place_vi": "Cơ sở làm mắm của hộ, thôn Hồng Tiến",
                        "place_en": "The household's fermenting yard, Hồng Tiến hamlet",
                        "ward_code": "13075",
                        "province_code": "33",
                        "lat": 20.3862,
                        "lon": 106.4027,
                        "gln": "8935309000012",
                        "note_vi": (
                            "Cáy ngâm nước sạch qua đêm cho nhả bùn, được bóc yếm, rửa "
                            "kỹ rồi giã nhuyễn với 38 kg muối biển và ít thính gạo "
                            "rang. Mắm được chia vào 6 chum sành, phơi nắng và khuấy "
                            "mỗi ngày."
                        ),
                        "note_en": (
                            "After purging overnight in clean water, the crabs had "
                            "their aprons removed, were washed and pounded with 38 kg "
                            "of sea salt and a little roasted rice powder. The paste "
                            "went into 6 earthenware jars, set in the sun and stirred "
                            "daily."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2025-12-18T08:30:00+07:00",
                        "place_vi": "Cơ sở làm mắm của hộ, thôn Hồng Tiến",
                        "place_en": "The household's fermenting yard, Hồng Tiến hamlet",
                        "ward_code": "13075",
                        "province_code": "33",
                        "lat": 20.3862,
                        "lon": 106.4027,
                        "gln": "8935309000012",
                        "note_vi": (
                            "Sau gần ba tháng ủ, mắm đã nâu sánh và thơm; mắm được vớt "
                            "bớt mảnh vỏ lớn rồi đóng vào 240 hũ thủy tinh 500 g, lau "
                            "sạch miệng hũ trước khi vặn nắp."
                        ),
                        "note_en": (
                            "After almost three months the paste was thick, brown and "
                            "fragrant; large pieces of shell were skimmed off and it "
                            "was filled into 240 glass jars of 500 g, each rim wiped "
                            "clean before capping."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2025-12-18T15:00:00+07:00",
                        "place_vi": "Cơ sở làm mắm của hộ, thôn Hồng Tiến",
                        "place_en": "The household's fermenting yard, Hồng Tiến hamlet",
                        "ward_code": "13075",
                        "province_code": "33",
                        "lat": 20.3862,
                        "lon": 106.4027,
                        "gln": "8935309000012",
                        "note_vi": (
                            "Dán tem truy xuất QR lên các hũ của lô {lot}; hũ được "
                            "bọc giấy, xếp thùng carton 12 hũ."
                        ),
                        "note_en": (
                            "QR traceability stamps were applied to the jars of lot "
                            "{lot}; the jars were wrapped in paper and packed 12 to "
                            "a carton."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2025-12-20T06:30:00+07:00",
                        "place_vi": "Cơ sở làm mắm của hộ, thôn Hồng Tiến",
                        "place_en": "The household's fermenting yard, Hồng Tiến hamlet",
                        "ward_code": "13075",
                        "province_code": "33",
                        "lat": 20.3862,
                        "lon": 106.4027,
                        "gln": "8935309000012",
                        "note_vi": (
                            "Gửi 6 thùng (72 hũ) cho một cửa hàng đặc sản quê ở Hà Nội "
                            "theo xe khách tuyến Thái Bình – Hà Nội."
                        ),
                        "note_en": (
                            "Six cartons (72 jars) sent to a countryside-specialty "
                            "shop in Hà Nội on the Thái Bình – Hà Nội coach service."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2025-12-20T11:30:00+07:00",
                        "place_vi": "Cửa hàng đặc sản quê, phường Đống Đa",
                        "place_en": "Countryside-specialty shop, Đống Đa ward",
                        "ward_code": "00235",
                        "province_code": "01",
                        "lat": 21.0182,
                        "lon": 105.8291,
                        "gln": None,
                        "note_vi": (
                            "Cửa hàng nhận đủ 72 hũ, không có hũ nứt vỡ hay rò rỉ; mắm "
                            "được xếp lên kệ gia vị truyền thống."
                        ),
                        "note_en": (
                            "The shop received all 72 jars with none cracked or "
                            "leaking and put them on the traditional-condiments shelf."
                        ),
                    },
                ],
            },
            {
                "lot": "MC2607A",
                "produced_on": "2026-07-10",
                "expires_on": "2027-07-10",
                "quantity": 300,
                "regions": ["33", "31", "37"],
                "stamps": 14,
                "pins": True,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2026-04-14T17:00:00+07:00",
                        "place_vi": "Bãi bồi nước lợ ven sông Hồng",
                        "place_en": "Brackish flats on the Hồng river bank",
                        "ward_code": "13183",
                        "province_code": "33",
                        "lat": 20.3475,
                        "lon": 106.4618,
                        "gln": None,
                        "note_vi": (
                            "Thu mua 190 kg cáy mùa xuân do bà con bắt trong buổi "
                            "chiều nước ròng; cáy chắc, nhiều gạch, còn sống khỏe."
                        ),
                        "note_en": (
                            "Bought 190 kg of spring cáy caught by villagers on the "
                            "afternoon low tide; the crabs were lively, firm and full "
                            "of roe."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "in_progress",
                        "time": "2026-04-15T10:30:00+07:00",
                        "place_vi": "Cơ sở làm mắm của hộ, thôn Hồng Tiến",
                        "place_en": "The household's fermenting yard, Hồng Tiến hamlet",
                        "ward_code": "13075",
                        "province_code": "33",
                        "lat": 20.3862,
                        "lon": 106.4027,
                        "gln": "8935309000012",
                        "note_vi": (
                            "Cáy được bóc yếm, rửa kỹ và giã nhuyễn với 48 kg muối "
                            "biển cùng ít thính gạo rang, rồi ủ trong 8 chum sành "
                            "ngoài sân nắng."
                        ),
                        "note_en": (
                            "The crabs had their aprons removed, were washed and "
                            "pounded with 48 kg of sea salt and a little roasted rice "
                            "powder, then left to ferment in 8 earthenware jars in the "
                            "sunny yard."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-07-10T08:00:00+07:00",
                        "place_vi": "Cơ sở làm mắm của hộ, thôn Hồng Tiến",
                        "place_en": "The household's fermenting yard, Hồng Tiến hamlet",
                        "ward_code": "13075",
                        "province_code": "33",
                        "lat": 20.3862,
                        "lon": 106.4027,
                        "gln": "8935309000012",
                        "note_vi": (
                            "Sau 12 tuần ủ, mắm đạt độ sánh và mùi thơm đặc trưng; "
                            "đóng 300 hũ thủy tinh 500 g, siết chặt nắp và lau sạch "
                            "miệng hũ."
                        ),
                        "note_en": (
                            "After 12 weeks the paste had its proper thickness and "
                            "aroma; it was filled into 300 glass jars of 500 g, with "
                            "lids tightened and rims wiped clean."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-07-10T14:00:00+07:00",
                        "place_vi": "Cơ sở làm mắm của hộ, thôn Hồng Tiến",
                        "place_en": "The household's fermenting yard, Hồng Tiến hamlet",
                        "ward_code": "13075",
                        "province_code": "33",
                        "lat": 20.3862,
                        "lon": 106.4027,
                        "gln": "8935309000012",
                        "note_vi": (
                            "Dán tem truy xuất QR có mã PIN cào lên các hũ của lô "
                            "{lot}; hũ được bọc giấy, xếp thùng carton 12 hũ."
                        ),
                        "note_en": (
                            "QR traceability stamps with scratch-off PINs were applied "
                            "to the jars of lot {lot}; the jars were wrapped in "
                            "paper and packed 12 to a carton."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-07-13T06:30:00+07:00",
                        "place_vi": "Cơ sở làm mắm của hộ, thôn Hồng Tiến",
                        "place_en": "The household's fermenting yard, Hồng Tiến hamlet",
                        "ward_code": "13075",
                        "province_code": "33",
                        "lat": 20.3862,
                        "lon": 106.4027,
                        "gln": "8935309000012",
                        "note_vi": (
                            "Giao 5 thùng (60 hũ) cho một cửa hàng đặc sản ở phường "
                            "Thái Bình bằng xe ba gác máy của gia đình."
                        ),
                        "note_en": (
                            "Five cartons (60 jars) delivered to a specialty shop in "
                            "Thái Bình ward on the family's motor tricycle."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-07-13T07:30:00+07:00",
                        "place_vi": "Cửa hàng đặc sản Thái Bình, phường Thái Bình",
                        "place_en": "Thái Bình specialty shop, Thái Bình ward",
                        "ward_code": "13225",
                        "province_code": "33",
                        "lat": 20.4468,
                        "lon": 106.3389,
                        "gln": None,
                        "note_vi": (
                            "Cửa hàng kiểm đếm đủ 60 hũ, nắp và tem nguyên vẹn; mắm "
                            "được bày ở quầy đặc sản địa phương."
                        ),
                        "note_en": (
                            "The shop counted all 60 jars with lids and stamps intact "
                            "and set them out on the local-specialties counter."
                        ),
                    },
                ],
            },
        ],
    },
]
