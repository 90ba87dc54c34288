"""Demo products from the Phố Hiến longan country and its lotus ponds."""

PRODUCTS = [
    {
        "key": "long-nhan",
        "producer": "hong-chau",
        "gtin": "08935301000010",
        "name_vi": "Long nhãn Hồng Châu",
        "name_en": "Hồng Châu long nhãn (dried longan flesh)",
        "summary_vi": (
            "Cùi nhãn lồng Hưng Yên bóc tay, sấy chậm trên lò than hoa đến khi "
            "vàng hổ phách, dẻo, thơm và ngọt đậm."
        ),
        "summary_en": (
            "Hand-peeled flesh of Hưng Yên nhãn lồng longans, slowly dried over "
            "charcoal until amber, chewy, fragrant and richly sweet."
        ),
        "story_vi": (
            'Đất Phố Hiến xưa, nơi có câu "Thứ nhất kinh kỳ, thứ nhì Phố Hiến", '
            "nổi tiếng với nhãn lồng cùi dày, ráo nước và ngọt sắc. Long nhãn, tức "
            "cùi nhãn bóc ra rồi sấy khô, từng là sản vật tiến vua, nay vẫn là món "
            "quà quê người Hưng Yên mang theo mỗi khi đi xa.\n\n"
            "Vào vụ tháng Bảy, tháng Tám, xã viên HTX Hồng Châu hái nhãn chín ở "
            "vườn nhà, đưa về xưởng bóc vỏ, tách hạt bằng tay ngay trong ngày. Cùi "
            "nhãn được dàn mỏng trên phên tre, sấy trên lò than hoa lửa vừa phải, đảo "
            "đều tay gần hai ngày cho đến khi miếng long se mặt, vàng óng mà vẫn "
            "dẻo.\n\n"
            "Phải chín, mười cân quả tươi mới được một cân long. HTX không xông "
            "lưu huỳnh, không dùng chất tẩy trắng hay chất bảo quản, nên miếng "
            "long giữ màu nâu vàng tự nhiên của cùi nhãn."
        ),
        "story_en": (
            'Phố Hiến, the old river port remembered in the saying "First the '
            'capital, second Phố Hiến", has long been famous for nhãn lồng '
            "longans with thick, dry, intensely sweet flesh. Long nhãn, the flesh "
            "peeled off and dried, was once sent to the royal court as tribute, "
            "and people from Hưng Yên still carry it as a gift from home.\n\n"
            "In July and August, members of the Hồng Châu cooperative pick ripe "
            "fruit in their own gardens and bring it to the workshop, where it is "
            "peeled and stoned by hand on the same day. The flesh is spread thinly "
            "on bamboo trays over a gentle charcoal fire and turned by hand for "
            "almost two days, until it is amber and dry on the surface but still "
            "chewy.\n\n"
            "It takes nine to ten kilos of fresh fruit to make one kilo of long "
            "nhãn. The cooperative uses no sulphur fumigation, bleach or "
            "preservatives, so the flesh keeps its natural golden-brown colour."
        ),
        "ingredients_vi": "100% cùi nhãn lồng Hưng Yên sấy khô.",
        "ingredients_en": "100% dried flesh of Hưng Yên nhãn lồng longans.",
        "storage_vi": (
            "Bảo quản nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp. Sau khi "
            "mở túi, cho vào hộp kín và để ngăn mát tủ lạnh. Dùng ăn trực tiếp, "
            "nấu chè long nhãn hạt sen, pha trà hoặc hầm cùng các món canh."
        ),
        "storage_en": (
            "Keep in a cool, dry place out of direct sunlight. Once opened, move "
            "to an airtight box and keep in the fridge. Eat as it is, cook into "
            "chè long nhãn hạt sen (sweet soup with lotus seeds), steep as a tea "
            "or add to slow-cooked soups."
        ),
        "category": "07",
        "ocop_stars": 4,
        "ocop_certificate_no": "QĐ 2387/QĐ-UBND (demo)",
        "ocop_issuer": "UBND tỉnh Hưng Yên",
        "ocop_certified_on": "2024-10-15",
        "trademark": None,
        "standards": ["VietGAP", "TCCS 01:2024/HTXHC"],
        "net_content": "500 g",
        "shelf_life_days": 365,
        # Harvested once a year: its dates move to the latest season.
        "seasonal": True,
        "image": "long-nhan.svg",
        "batches": [
            {
                "lot": "LN2508A",
                "produced_on": "2025-08-16",
                "expires_on": "2026-08-16",
                "quantity": 380,
                "regions": ["33", "01", "31"],
                "stamps": 14,
                "pins": True,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2025-08-12T05:45:00+07:00",
                        "place_vi": "Vườn nhãn của các hộ xã viên, thôn Điện Biên",
                        "place_en": "Members' longan gardens, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6265,
                        "lon": 106.0702,
                        "gln": None,
                        "note_vi": (
                            "Cắt 1.900 kg nhãn lồng chín đều theo cả chùm khi trời "
                            "còn mát; loại bỏ quả nứt, quả bị sâu ngay tại vườn."
                        ),
                        "note_en": (
                            "1,900 kg of evenly ripe nhãn lồng cut by the cluster in "
                            "the cool of the morning; split or damaged fruit sorted "
                            "out in the garden."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "active",
                        "time": "2025-08-14T07:30:00+07:00",
                        "place_vi": "Xưởng sấy của HTX, thôn Điện Biên",
                        "place_en": "Cooperative drying workshop, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": (
                            "Nhãn tươi được bóc vỏ, tách hạt bằng tay rồi sấy trên "
                            "lò than hoa ở 55–65 °C trong khoảng 40 giờ; 1.900 kg "
                            "quả tươi cho 205 kg long nhãn."
                        ),
                        "note_en": (
                            "Fresh longans peeled and stoned by hand, then dried over "
                            "charcoal at 55–65 °C for about 40 hours; 1,900 kg of "
                            "fresh fruit gave 205 kg of long nhãn."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2025-08-16T08:00:00+07:00",
                        "place_vi": "Phòng đóng gói của HTX, thôn Điện Biên",
                        "place_en": "Cooperative packing room, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": (
                            "Để long nguội hẳn, nhặt bỏ miếng sém cạnh, đóng 380 túi "
                            "500 g và hút chân không."
                        ),
                        "note_en": (
                            "Flesh left to cool completely, scorched pieces picked "
                            "out, then packed into 380 vacuum-sealed 500 g bags."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2025-08-18T09:00:00+07:00",
                        "place_vi": "Kho thành phẩm của HTX, thôn Điện Biên",
                        "place_en": "Cooperative store, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": (
                            "Dán tem truy xuất có lớp PIN cào cho lô {lot} sau "
                            "khi kiểm tra độ kín của từng túi."
                        ),
                        "note_en": (
                            "Traceability stamps with scratch-off PINs applied to lot "
                            "{lot} after every bag was checked for a tight seal."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2025-08-20T07:30:00+07:00",
                        "place_vi": "Kho thành phẩm của HTX, thôn Điện Biên",
                        "place_en": "Cooperative store, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": (
                            "Xuất 120 túi, xếp trong thùng carton lên xe tải nhỏ của "
                            "HTX đi Hà Nội."
                        ),
                        "note_en": (
                            "120 bags in cartons loaded onto the cooperative's small "
                            "truck for Hà Nội."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2025-08-20T10:15:00+07:00",
                        "place_vi": "Cửa hàng đặc sản trên phố Hàng Đường, Hà Nội",
                        "place_en": "Specialty food shop on Hàng Đường street, Hà Nội",
                        "ward_code": "00070",
                        "province_code": "01",
                        "lat": 21.0367,
                        "lon": 105.8493,
                        "gln": None,
                        "note_vi": (
                            "Cửa hàng kiểm đếm đủ 120 túi, bao bì nguyên vẹn, xếp "
                            "lên kệ khô ráo."
                        ),
                        "note_en": (
                            "The shop counted all 120 bags, packaging intact, and "
                            "put them on a dry shelf."
                        ),
                    },
                ],
            },
            {
                "lot": "LN2608A",
                "produced_on": "2026-08-08",
                "expires_on": "2027-08-08",
                "quantity": 420,
                "regions": ["33", "01", "79"],
                "stamps": 16,
                "pins": False,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2026-08-04T05:30:00+07:00",
                        "place_vi": "Vườn nhãn của các hộ xã viên, thôn Điện Biên",
                        "place_en": "Members' longan gardens, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6249,
                        "lon": 106.0688,
                        "gln": None,
                        "note_vi": (
                            "Thu hái 2.100 kg nhãn lồng từ vườn của 6 hộ xã viên; "
                            "quả được để trong sọt tre lót lá, tránh dập."
                        ),
                        "note_en": (
                            "2,100 kg of nhãn lồng picked from six members' gardens "
                            "and carried in leaf-lined bamboo baskets to avoid "
                            "bruising."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "active",
                        "time": "2026-08-06T08:00:00+07:00",
                        "place_vi": "Xưởng sấy của HTX, thôn Điện Biên",
                        "place_en": "Cooperative drying workshop, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": (
                            "Cùi nhãn bóc tay được sấy sơ trên lò than hoa rồi sấy "
                            "hoàn thiện trong buồng sấy nhiệt ở 60 °C; 2.100 kg quả "
                            "tươi cho 226 kg long nhãn."
                        ),
                        "note_en": (
                            "Hand-peeled flesh first dried over charcoal, then "
                            "finished in a heat dryer at 60 °C; 2,100 kg of fresh "
                            "fruit gave 226 kg of long nhãn."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-08-08T08:00:00+07:00",
                        "place_vi": "Phòng đóng gói của HTX, thôn Điện Biên",
                        "place_en": "Cooperative packing room, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": (
                            "Phân loại theo màu và độ khô, đóng 420 túi 500 g hút "
                            "chân không, mỗi túi cân lại trên cân điện tử."
                        ),
                        "note_en": (
                            "Sorted by colour and dryness and packed into 420 "
                            "vacuum-sealed 500 g bags, each re-weighed on an "
                            "electronic scale."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-08-09T09:00:00+07:00",
                        "place_vi": "Kho thành phẩm của HTX, thôn Điện Biên",
                        "place_en": "Cooperative store, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": (
                            "Kích hoạt tem truy xuất cho lô {lot}; tem loại "
                            "không có PIN cào, dán trên mặt sau túi."
                        ),
                        "note_en": (
                            "Traceability stamps without scratch-off PINs activated "
                            "for lot {lot} and applied to the back of each bag."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-08-10T14:00:00+07:00",
                        "place_vi": "Kho thành phẩm của HTX, thôn Điện Biên",
                        "place_en": "Cooperative store, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": (
                            "Giao 200 túi, đóng trong 10 thùng carton, cho xe tải "
                            "hàng tuyến Bắc – Nam đi TP Hồ Chí Minh."
                        ),
                        "note_en": (
                            "200 bags in 10 cartons handed to a north–south freight "
                            "truck bound for Hồ Chí Minh City."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-08-12T16:30:00+07:00",
                        "place_vi": "Cửa hàng đặc sản miền Bắc gần chợ Bến Thành",
                        "place_en": "Northern specialty shop near Bến Thành market",
                        "ward_code": "26743",
                        "province_code": "79",
                        "lat": 10.7730,
                        "lon": 106.6985,
                        "gln": None,
                        "note_vi": (
                            "Nhận đủ 10 thùng sau hơn hai ngày đường; túi không "
                            "bị xì hơi, cửa hàng bày bán ngay."
                        ),
                        "note_en": (
                            "All 10 cartons arrived after just over two days on the "
                            "road; no bag had lost its vacuum, and the shop put them "
                            "on sale at once."
                        ),
                    },
                ],
            },
            {
                "lot": "LN2608B",
                "produced_on": "2026-08-24",
                "expires_on": "2027-08-24",
                "quantity": 330,
                "regions": ["33", "31", "22"],
                "stamps": 12,
                "pins": True,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2026-08-20T05:30:00+07:00",
                        "place_vi": "Vườn nhãn của các hộ xã viên, thôn Điện Biên",
                        "place_en": "Members' longan gardens, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6272,
                        "lon": 106.0740,
                        "gln": None,
                        "note_vi": (
                            "Hái 1.600 kg nhãn cuối vụ; cán bộ HTX kiểm tra nhật ký "
                            "phun thuốc, bảo đảm đủ thời gian cách ly."
                        ),
                        "note_en": (
                            "1,600 kg of late-season longans picked; cooperative "
                            "staff checked the spray logs to confirm the "
                            "pre-harvest interval had been respected."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "active",
                        "time": "2026-08-22T06:30:00+07:00",
                        "place_vi": "Xưởng sấy của HTX, thôn Điện Biên",
                        "place_en": "Cooperative drying workshop, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": (
                            "Sấy trên lò than hoa, đảo phên 2 giờ một lần trong "
                            "khoảng 42 giờ; 1.600 kg quả tươi cho 172 kg long nhãn."
                        ),
                        "note_en": (
                            "Dried over charcoal for about 42 hours, with the trays "
                            "turned every two hours; 1,600 kg of fresh fruit gave "
                            "172 kg of long nhãn."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-08-24T08:00:00+07:00",
                        "place_vi": "Phòng đóng gói của HTX, thôn Điện Biên",
                        "place_en": "Cooperative packing room, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": "Đóng 330 túi 500 g hút chân không.",
                        "note_en": "Packed into 330 vacuum-sealed 500 g bags.",
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-08-25T09:00:00+07:00",
                        "place_vi": "Kho thành phẩm của HTX, thôn Điện Biên",
                        "place_en": "Cooperative store, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": "Dán tem truy xuất có lớp PIN cào cho lô {lot}.",
                        "note_en": (
                            "Traceability stamps with scratch-off PINs applied to "
                            "lot {lot}."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-09-03T07:00:00+07:00",
                        "place_vi": "Kho thành phẩm của HTX, thôn Điện Biên",
                        "place_en": "Cooperative store, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": "Xuất 90 túi lên xe tải nhỏ của HTX đi Hải Phòng.",
                        "note_en": (
                            "90 bags loaded onto the cooperative's small truck for "
                            "Hải Phòng."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-09-03T09:45:00+07:00",
                        "place_vi": "Cửa hàng thực phẩm ở phường Lê Chân, Hải Phòng",
                        "place_en": "Fresh-food shop in Lê Chân ward, Hải Phòng",
                        "ward_code": "11383",
                        "province_code": "31",
                        "lat": 20.8535,
                        "lon": 106.6790,
                        "gln": None,
                        "note_vi": (
                            "Cửa hàng nhận đủ 90 túi, đối chiếu số lô trên tem với "
                            "phiếu giao hàng."
                        ),
                        "note_en": (
                            "The shop received all 90 bags and matched the lot "
                            "number on the stamps against the delivery note."
                        ),
                    },
                ],
            },
        ],
    },
    {
        "key": "hat-sen",
        "producer": "hong-chau",
        "gtin": "08935301000027",
        "name_vi": "Hạt sen trắng sấy Hồng Châu",
        "name_en": "Hồng Châu dried white lotus seeds",
        "summary_vi": (
            "Hạt sen từ các đầm sen vùng Hồng Nam cũ, bóc vỏ, lột lụa, thông tâm "
            "bằng tay rồi sấy khô; nấu mau nhừ, bùi và thơm nhẹ."
        ),
        "summary_en": (
            "Lotus seeds from the ponds of the old Hồng Nam area, shelled, skinned "
            "and cored by hand, then dried; they cook soft quickly and taste "
            "nutty and gently fragrant."
        ),
        "story_vi": (
            "Vùng Hồng Nam cũ, nay thuộc phường Hồng Châu, có nhiều ao đầm trũng "
            "mà người dân thả sen từ lâu đời. Đầu hè sen nở kín mặt nước; từ cuối "
            "tháng Năm đến tháng Tám là mùa hái gương sen lấy hạt.\n\n"
            "Xã viên HTX Hồng Châu chống thuyền nan ra đầm từ sớm, chọn những gương "
            "đã già vừa độ, hạt chắc mẩy. Hạt được tách khỏi gương, bóc vỏ xanh, "
            "lột lớp lụa mỏng và thông bỏ tâm bằng tay; tâm sen được phơi riêng để "
            "pha trà. Sau đó hạt được sấy ở nhiệt độ thấp đến khi khô giòn, trắng "
            "ngà.\n\n"
            "Hạt sen với long nhãn vốn là đôi bạn trong bát chè long nhãn hạt sen "
            "quen thuộc của người Hưng Yên, nên cả hai đều được HTX làm ngay trong "
            "một mùa hè."
        ),
        "story_en": (
            "The old Hồng Nam area, now part of Hồng Châu ward, is dotted with "
            "low-lying ponds where villagers have grown lotus for generations. By "
            "early summer the flowers cover the water, and from late May to "
            "August the seed heads are picked for their seeds.\n\n"
            "Members of the Hồng Châu cooperative pole small bamboo boats out onto "
            "the ponds early in the morning and pick seed heads that are just "
            "mature, with firm, full seeds. The seeds are pressed out, shelled, "
            "skinned and cored by hand; the green cores are dried separately for "
            "tea. The seeds are then dried at a low temperature until crisp and "
            "ivory white.\n\n"
            "Lotus seeds and long nhãn belong together in chè long nhãn hạt sen, "
            "a sweet soup much loved in Hưng Yên, so the cooperative makes both "
            "in the same summer."
        ),
        "ingredients_vi": "100% hạt sen đã bỏ vỏ, lụa và tâm, sấy khô.",
        "ingredients_en": "100% lotus seeds, shelled, skinned and cored, then dried.",
        "storage_vi": (
            "Bảo quản nơi khô ráo, thoáng mát; sau khi mở, buộc kín miệng túi. "
            "Ngâm hạt trong nước ấm khoảng 30 phút trước khi nấu chè, hầm canh "
            "hoặc nấu cháo; hạt đã bỏ tâm nên không bị đắng."
        ),
        "storage_en": (
            "Keep in a cool, dry place and close the bag tightly after opening. "
            "Soak in warm water for about 30 minutes before cooking into sweet "
            "soups, stews or rice porridge; the bitter cores are already removed."
        ),
        "category": "07",
        "ocop_stars": 4,
        "ocop_certificate_no": "QĐ 648/QĐ-UBND (demo)",
        "ocop_issuer": "UBND tỉnh Hưng Yên",
        "ocop_certified_on": "2025-03-20",
        "trademark": None,
        "standards": ["TCCS 02:2025/HTXHC"],
        "net_content": "250 g",
        "shelf_life_days": 365,
        # Harvested once a year: its dates move to the latest season.
        "seasonal": True,
        "image": "hat-sen.svg",
        "batches": [
            {
                "lot": "HS2507A",
                "produced_on": "2025-07-12",
                "expires_on": "2026-07-12",
                "quantity": 320,
                "regions": ["33", "01"],
                "stamps": 12,
                "pins": False,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2025-07-09T05:30:00+07:00",
                        "place_vi": "Đầm sen của các hộ xã viên, thôn Nễ Châu",
                        "place_en": "Members' lotus ponds, Nễ Châu hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6378,
                        "lon": 106.0830,
                        "gln": None,
                        "note_vi": (
                            "Hái gương sen bằng thuyền nan trên 1,2 ha đầm; tách "
                            "được khoảng 400 kg hạt sen tươi còn vỏ."
                        ),
                        "note_en": (
                            "Seed heads picked by bamboo boat across 1.2 ha of "
                            "ponds, giving about 400 kg of fresh seeds in the shell."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "active",
                        "time": "2025-07-10T18:00:00+07:00",
                        "place_vi": "Xưởng sơ chế và sấy của HTX, thôn Điện Biên",
                        "place_en": "Cooperative processing and drying workshop",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": (
                            "Hạt được bóc vỏ, lột lụa, thông tâm bằng tay rồi sấy ở "
                            "55 °C khoảng 12 giờ; 400 kg hạt còn vỏ cho 84 kg hạt "
                            "sen khô."
                        ),
                        "note_en": (
                            "Seeds shelled, skinned and cored by hand, then dried "
                            "at 55 °C for about 12 hours; 400 kg of seeds in the "
                            "shell gave 84 kg of dried lotus seeds."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2025-07-12T08:00:00+07:00",
                        "place_vi": "Phòng đóng gói của HTX, thôn Điện Biên",
                        "place_en": "Cooperative packing room, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": (
                            "Nhặt bỏ hạt vỡ, hạt thâm; đóng 320 túi zip 250 g, mỗi "
                            "túi kèm một gói hút ẩm."
                        ),
                        "note_en": (
                            "Broken and discoloured seeds picked out; packed into "
                            "320 zip bags of 250 g, each with a desiccant sachet."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2025-07-12T14:00:00+07:00",
                        "place_vi": "Kho thành phẩm của HTX, thôn Điện Biên",
                        "place_en": "Cooperative store, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": (
                            "Dán tem truy xuất (không có PIN cào) cho lô {lot}."
                        ),
                        "note_en": (
                            "Traceability stamps without scratch-off PINs applied "
                            "to lot {lot}."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2025-07-15T07:30:00+07:00",
                        "place_vi": "Kho thành phẩm của HTX, thôn Điện Biên",
                        "place_en": "Cooperative store, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": "Xuất 80 túi theo xe tải nhỏ của HTX đi Hà Nội.",
                        "note_en": (
                            "80 bags sent to Hà Nội on the cooperative's small truck."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2025-07-15T10:00:00+07:00",
                        "place_vi": "Cửa hàng đồ khô ở phường Đống Đa, Hà Nội",
                        "place_en": "Dry-goods shop in Đống Đa ward, Hà Nội",
                        "ward_code": "00235",
                        "province_code": "01",
                        "lat": 21.0155,
                        "lon": 105.8270,
                        "gln": None,
                        "note_vi": (
                            "Cửa hàng nhận 80 túi, kiểm tra ngẫu nhiên 5 túi thấy hạt "
                            "khô đều, không mốc."
                        ),
                        "note_en": (
                            "The shop received 80 bags; a spot check of five bags "
                            "found the seeds evenly dry with no mould."
                        ),
                    },
                ],
            },
            {
                "lot": "HS2606A",
                "produced_on": "2026-06-13",
                "expires_on": "2027-06-13",
                "quantity": 280,
                "regions": ["33", "24", "01"],
                "stamps": 14,
                "pins": True,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2026-06-10T05:15:00+07:00",
                        "place_vi": "Đầm sen của các hộ xã viên, thôn Lê Như Hổ",
                        "place_en": "Members' lotus ponds, Lê Như Hổ hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6352,
                        "lon": 106.0791,
                        "gln": None,
                        "note_vi": (
                            "Lứa sen đầu vụ; hái khoảng 350 kg hạt còn vỏ, chuyển về "
                            "xưởng trong buổi sáng để hạt không bị héo."
                        ),
                        "note_en": (
                            "First pick of the season: about 350 kg of seeds in the "
                            "shell, taken to the workshop the same morning so they "
                            "would not wilt."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "active",
                        "time": "2026-06-11T17:30:00+07:00",
                        "place_vi": "Xưởng sơ chế và sấy của HTX, thôn Điện Biên",
                        "place_en": "Cooperative processing and drying workshop",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": (
                            "Bóc vỏ, lột lụa, thông tâm trong ngày, sấy ở 50–55 °C "
                            "khoảng 14 giờ; thu được 73 kg hạt sen khô."
                        ),
                        "note_en": (
                            "Shelled, skinned and cored the same day, then dried at "
                            "50–55 °C for about 14 hours, giving 73 kg of dried "
                            "seeds."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-06-13T08:00:00+07:00",
                        "place_vi": "Phòng đóng gói của HTX, thôn Điện Biên",
                        "place_en": "Cooperative packing room, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": "Đóng 280 túi zip 250 g kèm gói hút ẩm.",
                        "note_en": "Packed into 280 zip bags of 250 g with desiccant.",
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-06-13T15:00:00+07:00",
                        "place_vi": "Kho thành phẩm của HTX, thôn Điện Biên",
                        "place_en": "Cooperative store, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": "Dán tem truy xuất có lớp PIN cào cho lô {lot}.",
                        "note_en": (
                            "Traceability stamps with scratch-off PINs applied to "
                            "lot {lot}."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-06-16T06:30:00+07:00",
                        "place_vi": "Kho thành phẩm của HTX, thôn Điện Biên",
                        "place_en": "Cooperative store, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": "Xuất 60 túi theo xe tải nhỏ của HTX đi Bắc Ninh.",
                        "note_en": (
                            "60 bags sent to Bắc Ninh on the cooperative's small truck."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-06-16T09:30:00+07:00",
                        "place_vi": "Cửa hàng nông sản ở phường Kinh Bắc, Bắc Ninh",
                        "place_en": "Farm-produce shop in Kinh Bắc ward, Bắc Ninh",
                        "ward_code": "09187",
                        "province_code": "24",
                        "lat": 21.1780,
                        "lon": 106.0620,
                        "gln": None,
                        "note_vi": (
                            "Nhận đủ 60 túi, bao bì khô, không rách; cửa hàng xếp "
                            "lên kệ hàng khô."
                        ),
                        "note_en": (
                            "All 60 bags received dry and undamaged and placed on "
                            "the dry-goods shelf."
                        ),
                    },
                ],
            },
            {
                "lot": "HS2607A",
                "produced_on": "2026-07-23",
                "expires_on": "2027-07-23",
                "quantity": 300,
                "regions": ["33", "48", "79"],
                "stamps": 10,
                "pins": False,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2026-07-20T05:30:00+07:00",
                        "place_vi": "Đầm sen của các hộ xã viên, thôn Nễ Châu",
                        "place_en": "Members' lotus ponds, Nễ Châu hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6384,
                        "lon": 106.0842,
                        "gln": None,
                        "note_vi": (
                            "Hái gương sen giữa vụ, tách được khoảng 380 kg hạt còn "
                            "vỏ; gương non được để lại cho lứa sau."
                        ),
                        "note_en": (
                            "Mid-season pick giving about 380 kg of seeds in the "
                            "shell; immature heads were left for the next round."
                        ),
                    },
                    {
                        "event_type": "TransformationEvent",
                        "action": None,
                        "biz_step": "creating_class_instance",
                        "disposition": "active",
                        "time": "2026-07-21T18:00:00+07:00",
                        "place_vi": "Xưởng sơ chế và sấy của HTX, thôn Điện Biên",
                        "place_en": "Cooperative processing and drying workshop",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": (
                            "Sơ chế bằng tay, sấy ở 55 °C khoảng 12 giờ; 380 kg hạt "
                            "còn vỏ cho 78 kg hạt sen khô."
                        ),
                        "note_en": (
                            "Prepared by hand and dried at 55 °C for about 12 "
                            "hours; 380 kg of seeds in the shell gave 78 kg of "
                            "dried seeds."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-07-23T08:00:00+07:00",
                        "place_vi": "Phòng đóng gói của HTX, thôn Điện Biên",
                        "place_en": "Cooperative packing room, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": "Đóng 300 túi zip 250 g kèm gói hút ẩm.",
                        "note_en": "Packed into 300 zip bags of 250 g with desiccant.",
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-07-23T14:30:00+07:00",
                        "place_vi": "Kho thành phẩm của HTX, thôn Điện Biên",
                        "place_en": "Cooperative store, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": (
                            "Dán tem truy xuất (không có PIN cào) cho lô {lot}."
                        ),
                        "note_en": (
                            "Traceability stamps without scratch-off PINs applied "
                            "to lot {lot}."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-07-24T15:00:00+07:00",
                        "place_vi": "Kho thành phẩm của HTX, thôn Điện Biên",
                        "place_en": "Cooperative store, Điện Biên hamlet",
                        "ward_code": "11980",
                        "province_code": "33",
                        "lat": 20.6281,
                        "lon": 106.0725,
                        "gln": "8935301000010",
                        "note_vi": (
                            "Giao 100 túi trong 4 thùng carton cho xe tải hàng đi "
                            "Đà Nẵng."
                        ),
                        "note_en": (
                            "100 bags in four cartons handed to a freight truck "
                            "bound for Đà Nẵng."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-07-25T19:30:00+07:00",
                        "place_vi": "Quầy đặc sản gần chợ Hàn, Đà Nẵng",
                        "place_en": "Specialty food stall near Hàn market, Đà Nẵng",
                        "ward_code": "20242",
                        "province_code": "48",
                        "lat": 16.0678,
                        "lon": 108.2240,
                        "gln": None,
                        "note_vi": (
                            "Nhận 4 thùng sau khoảng 28 giờ vận chuyển; thùng khô, "
                            "túi còn nguyên."
                        ),
                        "note_en": (
                            "Four cartons received after about 28 hours on the "
                            "road, dry and with every bag intact."
                        ),
                    },
                ],
            },
        ],
    },
    {
        "key": "nhan-long-tuoi",
        "producer": "pho-hien",
        "gtin": "08935302000019",
        "name_vi": "Nhãn lồng Hưng Yên",
        "name_en": "Hưng Yên nhãn lồng longans (fresh)",
        "summary_vi": (
            "Nhãn lồng Phố Hiến hái lúc sáng sớm, đóng hộp trong ngày và chở xe "
            "lạnh: cùi dày, ráo, giòn, ngọt đậm và thơm nhẹ."
        ),
        "summary_en": (
            "Nhãn lồng longans from Phố Hiến, picked at dawn, boxed the same day "
            "and carried chilled: thick, dry, crunchy flesh with a deep, gently "
            "fragrant sweetness."
        ),
        "story_vi": (
            "Tên gọi nhãn lồng thường được giải thích từ cách làm của nhà vườn "
            "xưa: khi quả sắp chín, người ta đan lồng tre bọc lấy từng "
            "chùm để dơi và chim không ăn mất. Người Hưng Yên vẫn kể về cây nhãn "
            "tổ trên đất Phố Hiến và những chuyến nhãn ngon được chọn tiến vua.\n\n"
            "Quả nhãn lồng to, vỏ mỏng màu vàng sẫm; cùi dày, trắng ngà, bóc ra "
            "ráo nước; ăn giòn, ngọt đậm, thơm nhẹ, hạt nhỏ.\n\n"
            "Xã viên HTX Nhãn lồng Phố Hiến Xanh hái nhãn vào sáng sớm trong tháng "
            "Bảy, tháng Tám, khi quả còn mát. Nhãn được tỉa cành, đóng hộp ngay "
            "trong ngày rồi chở bằng xe lạnh để giữ độ giòn. Nhãn tươi chỉ ngon "
            "trong ít ngày, vì vậy mỗi lô đều ghi rõ ngày hái."
        ),
        "story_en": (
            'The name nhãn lồng ("caged longan") is usually traced to an old '
            "orchard practice: as the fruit ripened, growers wrapped each cluster "
            "in a woven bamboo cage to keep bats and birds away. People "
            "in Hưng Yên still tell of the ancestral longan tree of Phố Hiến and "
            "of the finest fruit being sent to the royal court.\n\n"
            "Nhãn lồng are large, with thin, dark golden skin and thick, ivory "
            "flesh that stays dry when peeled. It is crunchy, richly sweet and "
            "lightly fragrant around a small seed.\n\n"
            "Members of the Phố Hiến Xanh cooperative pick in the early morning "
            "in July and August, while the fruit is still cool. The clusters are "
            "trimmed, boxed the same day and sent in refrigerated trucks to keep "
            "them crisp. Fresh longans are at their best for only a few days, so "
            "every lot shows its picking date."
        ),
        "ingredients_vi": (
            "Quả nhãn lồng tươi còn cuống, không xử lý hóa chất sau thu hoạch."
        ),
        "ingredients_en": (
            "Fresh nhãn lồng longans on the stem, with no post-harvest chemical "
            "treatment."
        ),
        "storage_vi": (
            "Cất ngăn mát tủ lạnh ở khoảng 5–10 °C, không rửa trước khi cất. Ngon "
            "nhất trong 3–4 ngày đầu, nên dùng hết trong 7 ngày kể từ ngày hái. "
            "Rửa qua rồi bóc ăn tươi, hoặc bóc cùi nấu chè."
        ),
        "storage_en": (
            "Keep in the fridge at about 5–10 °C and do not wash before storing. "
            "Best within the first 3–4 days; eat within 7 days of the picking "
            "date. Rinse, then peel and eat fresh, or use the flesh in sweet "
            "soups."
        ),
        "category": "01",
        "ocop_stars": 3,
        "ocop_certificate_no": "QĐ 1420/QĐ-UBND (demo)",
        "ocop_issuer": "UBND tỉnh Hưng Yên",
        "ocop_certified_on": "2024-06-28",
        "trademark": "Nhãn lồng Hưng Yên",
        "standards": ["VietGAP", "TCCS 01:2024/PHX"],
        "net_content": "1 kg",
        "shelf_life_days": 7,
        # Harvested once a year: its dates move to the latest season.
        "seasonal": True,
        "image": "nhan-long.svg",
        "batches": [
            {
                "lot": "NL2507A",
                "produced_on": "2025-07-30",
                "expires_on": "2025-08-06",
                "quantity": 580,
                "regions": ["33", "01", "24"],
                "stamps": 16,
                "pins": True,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2025-07-30T05:30:00+07:00",
                        "place_vi": "Vườn nhãn của hộ xã viên ven đê sông Hồng",
                        "place_en": "Member's longan orchard by the Red River dyke",
                        "ward_code": "11953",
                        "province_code": "33",
                        "lat": 20.6505,
                        "lon": 106.0430,
                        "gln": None,
                        "note_vi": (
                            "Cắt 620 kg nhãn theo chùm khi trời còn mát; quả chín "
                            "đều, vỏ vàng sẫm, đo độ ngọt đạt 21 °Brix."
                        ),
                        "note_en": (
                            "620 kg cut by the cluster in the cool of the morning; "
                            "evenly ripe, dark golden fruit measuring 21 °Brix."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2025-07-30T08:30:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, số 18 đường Bãi Sậy",
                        "place_en": "Cooperative packhouse, 18 Bãi Sậy street",
                        "ward_code": "11953",
                        "province_code": "33",
                        "lat": 20.6572,
                        "lon": 106.0560,
                        "gln": "8935302000019",
                        "note_vi": (
                            "Tỉa lá, loại quả nứt, quả nhỏ; đóng 580 hộp 1 kg rồi "
                            "làm mát sơ bộ xuống khoảng 10 °C."
                        ),
                        "note_en": (
                            "Leaves trimmed, split and undersized fruit removed; "
                            "packed into 580 boxes of 1 kg and pre-cooled to about "
                            "10 °C."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2025-07-30T09:30:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, số 18 đường Bãi Sậy",
                        "place_en": "Cooperative packhouse, 18 Bãi Sậy street",
                        "ward_code": "11953",
                        "province_code": "33",
                        "lat": 20.6572,
                        "lon": 106.0560,
                        "gln": "8935302000019",
                        "note_vi": (
                            "Dán tem truy xuất có PIN cào cạnh nhãn hiệu tập thể "
                            '"Nhãn lồng Hưng Yên" trên nắp hộp.'
                        ),
                        "note_en": (
                            "Traceability stamps with scratch-off PINs applied next "
                            'to the "Nhãn lồng Hưng Yên" collective mark on each '
                            "lid."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2025-07-30T13:00:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, số 18 đường Bãi Sậy",
                        "place_en": "Cooperative packhouse, 18 Bãi Sậy street",
                        "ward_code": "11953",
                        "province_code": "33",
                        "lat": 20.6572,
                        "lon": 106.0560,
                        "gln": "8935302000019",
                        "note_vi": (
                            "Xếp 300 hộp lên xe tải lạnh 2,5 tấn, đặt nhiệt độ "
                            "thùng 8–10 °C, đi Hà Nội."
                        ),
                        "note_en": (
                            "300 boxes loaded onto a 2.5-tonne refrigerated truck "
                            "set to 8–10 °C, bound for Hà Nội."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2025-07-30T15:45:00+07:00",
                        "place_vi": "Cửa hàng trái cây ở phường Cầu Giấy, Hà Nội",
                        "place_en": "Fruit shop in Cầu Giấy ward, Hà Nội",
                        "ward_code": "00167",
                        "province_code": "01",
                        "lat": 21.0330,
                        "lon": 105.7990,
                        "gln": None,
                        "note_vi": (
                            "Nhận 120 hộp, nhiệt độ thùng xe lúc mở cửa 9 °C; nhãn "
                            "được chuyển ngay vào tủ mát."
                        ),
                        "note_en": (
                            "120 boxes received with the truck at 9 °C on opening; "
                            "the fruit went straight into the chiller."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "retail_selling",
                        "disposition": None,
                        "time": "2025-07-31T08:00:00+07:00",
                        "place_vi": "Cửa hàng trái cây ở phường Cầu Giấy, Hà Nội",
                        "place_en": "Fruit shop in Cầu Giấy ward, Hà Nội",
                        "ward_code": "00167",
                        "province_code": "01",
                        "lat": 21.0330,
                        "lon": 105.7990,
                        "gln": None,
                        "note_vi": (
                            "Bày bán trên kệ mát kèm bảng ghi ngày hái 30/7; hộp "
                            "chưa bán hết sau 5 ngày được rút khỏi kệ."
                        ),
                        "note_en": (
                            "On sale in the chilled display with a card showing the "
                            "picking date, 30 July; boxes unsold after five days "
                            "are taken off the shelf."
                        ),
                    },
                ],
            },
            {
                "lot": "NL2608A",
                "produced_on": "2026-08-06",
                "expires_on": "2026-08-13",
                "quantity": 640,
                "regions": ["33", "31", "22"],
                "stamps": 18,
                "pins": False,
                "status": "active",
                "events": [
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "harvesting",
                        "disposition": "active",
                        "time": "2026-08-06T05:15:00+07:00",
                        "place_vi": "Vườn nhãn của các hộ xã viên ven đê sông Hồng",
                        "place_en": "Members' longan orchards by the Red River dyke",
                        "ward_code": "11953",
                        "province_code": "33",
                        "lat": 20.6468,
                        "lon": 106.0465,
                        "gln": None,
                        "note_vi": (
                            "Hái 690 kg nhãn từ vườn của 4 hộ xã viên; cán bộ HTX "
                            "đối chiếu nhật ký canh tác VietGAP trước khi cắt."
                        ),
                        "note_en": (
                            "690 kg picked from four members' orchards; cooperative "
                            "staff checked the VietGAP field records before "
                            "cutting."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "packing",
                        "disposition": "in_progress",
                        "time": "2026-08-06T08:15:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, số 18 đường Bãi Sậy",
                        "place_en": "Cooperative packhouse, 18 Bãi Sậy street",
                        "ward_code": "11953",
                        "province_code": "33",
                        "lat": 20.6572,
                        "lon": 106.0560,
                        "gln": "8935302000019",
                        "note_vi": (
                            "Phân loại, đóng 640 hộp 1 kg có lỗ thoáng, làm mát sơ "
                            "bộ trong kho lạnh 10 °C."
                        ),
                        "note_en": (
                            "Graded and packed into 640 ventilated 1 kg boxes, then "
                            "pre-cooled in a 10 °C cold room."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "ADD",
                        "biz_step": "commissioning",
                        "disposition": "active",
                        "time": "2026-08-06T09:15:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, số 18 đường Bãi Sậy",
                        "place_en": "Cooperative packhouse, 18 Bãi Sậy street",
                        "ward_code": "11953",
                        "province_code": "33",
                        "lat": 20.6572,
                        "lon": 106.0560,
                        "gln": "8935302000019",
                        "note_vi": (
                            "Dán tem truy xuất (không có PIN cào) cho lô {lot}."
                        ),
                        "note_en": (
                            "Traceability stamps without scratch-off PINs applied "
                            "to lot {lot}."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "shipping",
                        "disposition": "in_transit",
                        "time": "2026-08-06T11:00:00+07:00",
                        "place_vi": "Nhà sơ chế của HTX, số 18 đường Bãi Sậy",
                        "place_en": "Cooperative packhouse, 18 Bãi Sậy street",
                        "ward_code": "11953",
                        "province_code": "33",
                        "lat": 20.6572,
                        "lon": 106.0560,
                        "gln": "8935302000019",
                        "note_vi": (
                            "Xe tải lạnh giữ 8–10 °C chở 250 hộp đi Quảng Ninh qua "
                            "cao tốc Hà Nội – Hải Phòng."
                        ),
                        "note_en": (
                            "A refrigerated truck at 8–10 °C carried 250 boxes to "
                            "Quảng Ninh via the Hà Nội – Hải Phòng expressway."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "receiving",
                        "disposition": "sellable_accessible",
                        "time": "2026-08-06T15:00:00+07:00",
                        "place_vi": "Siêu thị mini ở phường Bãi Cháy, Quảng Ninh",
                        "place_en": "Mini-market in Bãi Cháy ward, Quảng Ninh",
                        "ward_code": "06673",
                        "province_code": "22",
                        "lat": 20.9555,
                        "lon": 107.0460,
                        "gln": None,
                        "note_vi": (
                            "Nhận 250 hộp; kiểm tra ngẫu nhiên thấy quả không dập, "
                            "cuống còn tươi."
                        ),
                        "note_en": (
                            "250 boxes received; a spot check found no bruising "
                            "and the stems still fresh."
                        ),
                    },
                    {
                        "event_type": "ObjectEvent",
                        "action": "OBSERVE",
                        "biz_step": "retail_selling",
                        "disposition": None,
                        "time": "2026-08-06T18:30:00+07:00",
                        "place_vi": "Siêu thị mini ở phường Bãi Cháy, Quảng Ninh",
                        "place_en": "Mini-market in Bãi Cháy ward, Quảng Ninh",
                        "ward_code": "06673",
                        "province_code": "22",
                        "lat": 20.9555,
                        "lon": 107.0460,
                        "gln": None,
                        "note_vi": (
                            "Nhãn được bày ở quầy trái cây mát, cạnh bảng giới "
                            "thiệu đặc sản Hưng Yên cho khách du lịch."
                        ),
                        "note_en": (
                            "Displayed on the chilled fruit counter beside a card "
                            "introducing Hưng Yên specialties to visitors."
                        ),
                    },
                ],
            },
        ],
    },
]
