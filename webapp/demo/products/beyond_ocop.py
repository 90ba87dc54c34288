"""Demo goods beyond OCOP: the province's key products and essential packaged goods.

Real Hưng Yên trade from fictional producers: packaged rice from the former
Thái Bình rice bowl, a pork product (giò lụa) and a traditional medicine from
the herb village of Nghĩa Trai (Văn Lâm), named among the province's craft
villages (https://dntt.vn/hung-yen-co-271-san-pham-ocop-duoc-cong-nhan-d9718.html).
Decision and declaration numbers are invented and marked "(demo)".
"""


def _event(step, time, place_vi, place_en, ward, lat, lon, note_vi, note_en, **kw):
    """One journey stage in the catalog's shape (an ObjectEvent unless said)."""
    return {
        "event_type": kw.get("event_type", "ObjectEvent"),
        "action": kw.get("action", "OBSERVE"),
        "biz_step": step,
        "disposition": kw.get("disposition", "active"),
        "time": time,
        "place_vi": place_vi,
        "place_en": place_en,
        "ward_code": ward,
        "province_code": "33",
        "lat": lat,
        "lon": lon,
        "gln": kw.get("gln"),
        "note_vi": note_vi,
        "note_en": note_en,
    }


def _stamped(day, place_vi, place_en, ward, lat, lon, gln, pack_vi, pack_en):
    return _event(
        "commissioning", f"{day}T15:00:00+07:00", place_vi, place_en, ward, lat, lon,
        f"Dán tem truy xuất QR lên {pack_vi} của lô {{lot}}.",
        f"QR traceability stamps were applied to the {pack_en} of lot {{lot}}.",
        action="ADD", gln=gln,
    )  # fmt: skip


def _shipped(day, to_vi, to_en, ward, lat, lon, gln):
    return _event(
        "shipping", f"{day}T07:30:00+07:00",
        "Kho thành phẩm của cơ sở", "The producer's finished-goods store",
        ward, lat, lon,
        f"Xuất hàng cho {to_vi}.", f"Dispatched to {to_en}.",
        disposition="in_transit", gln=gln,
    )  # fmt: skip


RICE_FARM = ("Cánh đồng mẫu lớn thôn Đông", "Large-field scheme, Đông hamlet")
RICE_MILL = ("Xưởng xay xát của HTX", "The cooperative's rice mill")
THUY_ANH = ("12865", 20.5702, 106.5238)
RICE_GLN = "8935310000018"


def _rice_batch(lot, harvest, milled, regions, stamps, pins, buyer):
    ward, lat, lon = THUY_ANH
    return {
        "lot": lot,
        "produced_on": milled,
        "expires_on": None,
        "quantity": 1200,
        "regions": regions,
        "stamps": stamps,
        "pins": pins,
        "events": [
            _event(
                "harvesting", f"{harvest}T06:00:00+07:00", *RICE_FARM,
                ward, lat, lon,
                "Gặt lúa Bắc Hương trên 12 ha của xã viên, phơi và sấy về độ ẩm 14%.",
                "Bắc Hương rice cut on members' 12 ha, then sun- and kiln-dried "
                "to 14 % moisture.",
            ),
            _event(
                "creating_class_instance", f"{milled}T08:00:00+07:00", *RICE_MILL,
                ward, lat + 0.004, lon, "Xay xát, tách tấm và đánh bóng gạo.",
                "Milled, broken grains sorted out, the rice polished.",
                event_type="TransformationEvent", action=None,
                disposition="in_progress", gln=RICE_GLN,
            ),
            _event(
                "packing", f"{milled}T13:00:00+07:00", *RICE_MILL,
                ward, lat + 0.004, lon, "Đóng túi 5 kg, hút chân không.",
                "Packed in vacuum-sealed 5 kg bags.", gln=RICE_GLN,
            ),
            _stamped(milled, *RICE_MILL, ward, lat + 0.004, lon, RICE_GLN,
                     "các túi gạo", "rice bags"),
            _shipped(_next(milled), *buyer, ward, lat + 0.004, lon, RICE_GLN),
        ],
    }  # fmt: skip


def _next(day: str) -> str:
    """The ISO day after day (the catalog's dates stay inside one month)."""
    return day[:8] + f"{int(day[8:]) + 1:02d}"


PORK_PLANT = ("Xưởng chế biến của công ty", "The company's processing plant")
LAC_DAO = ("11992", 20.9583, 106.0291)
PORK_GLN = "8935311000017"


def _pork_batch(lot, made, regions, stamps, pins, buyer):
    ward, lat, lon = LAC_DAO
    return {
        "lot": lot,
        "produced_on": made,
        "expires_on": _plus_days(made, 10),
        "quantity": 600,
        "regions": regions,
        "stamps": stamps,
        "pins": pins,
        "events": [
            _event(
                "inspecting", f"{made}T04:30:00+07:00", *PORK_PLANT, ward, lat, lon,
                "Nhận thịt lợn nóng từ lò mổ có giấy kiểm dịch thú y; kiểm tra "
                "nhiệt độ và cảm quan.",
                "Fresh pork received from an abattoir with its veterinary "
                "certificate; temperature and appearance checked.", gln=PORK_GLN,
            ),
            _event(
                "creating_class_instance", f"{made}T06:00:00+07:00", *PORK_PLANT,
                ward, lat, lon, "Giã thịt với nước mắm, gói lá chuối, luộc 90 phút.",
                "Pork pounded with fish sauce, wrapped in banana leaves, boiled "
                "for 90 minutes.", event_type="TransformationEvent", action=None,
                disposition="in_progress", gln=PORK_GLN,
            ),
            _event(
                "packing", f"{made}T11:00:00+07:00", *PORK_PLANT, ward, lat, lon,
                "Để nguội, hút chân không từng cây 500 g, bảo quản 0–4 °C.",
                "Cooled, each 500 g roll vacuum-packed and kept at 0–4 °C.",
                gln=PORK_GLN,
            ),
            _stamped(made, *PORK_PLANT, ward, lat, lon, PORK_GLN,
                     "các cây giò", "rolls"),
            _shipped(_next(made), *buyer, ward, lat, lon, PORK_GLN),
        ],
    }  # fmt: skip


def _plus_days(day: str, days: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


HERB_HOUSE = ("Nhà nấu cao, thôn Nghĩa Trai", "Extract kitchen, Nghĩa Trai hamlet")
NHU_QUYNH = ("11986", 20.9860, 106.0010)
HERB_GLN = "8935312000016"


def _herb_batch(lot, cut, cooked, regions, stamps, pins, buyer):
    ward, lat, lon = NHU_QUYNH
    return {
        "lot": lot,
        "produced_on": cooked,
        "expires_on": _plus_days(cooked, 730),
        "quantity": 400,
        "regions": regions,
        "stamps": stamps,
        "pins": pins,
        "events": [
            _event(
                "harvesting", f"{cut}T07:00:00+07:00", "Vườn dược liệu của cơ sở",
                "The household's herb garden", ward, lat - 0.003, lon,
                "Cắt ích mẫu khi cây ra hoa, rửa sạch, phơi trong bóng râm.",
                "Motherwort cut in flower, washed and dried in the shade.",
            ),
            _event(
                "creating_class_instance", f"{cooked}T07:00:00+07:00", *HERB_HOUSE,
                ward, lat, lon, "Sắc dược liệu ba nước, cô đặc thành cao lỏng.",
                "Herbs simmered in three waters and reduced to a liquid extract.",
                event_type="TransformationEvent", action=None,
                disposition="in_progress", gln=HERB_GLN,
            ),
            _event(
                "packing", f"{cooked}T14:00:00+07:00", *HERB_HOUSE, ward, lat, lon,
                "Chiết chai thủy tinh 250 ml, dán nhãn.",
                "Filled into 250 ml glass bottles and labelled.", gln=HERB_GLN,
            ),
            _stamped(cooked, *HERB_HOUSE, ward, lat, lon, HERB_GLN,
                     "các chai cao", "bottles"),
            _shipped(_next(cooked), *buyer, ward, lat, lon, HERB_GLN),
        ],
    }  # fmt: skip


HA_NOI_SHOP = ("cửa hàng thực phẩm sạch ở Hà Nội", "a fresh-food shop in Hà Nội")
PROVINCE_MARKET = ("chợ đầu mối Phố Hiến", "the Phố Hiến wholesale market")

PRODUCTS = [
    {
        "key": "gao-bac-huong",
        "producer": "dong-thuy",
        "kinds": ("key", "essential"),
        "sector": "agriculture",
        "gtin": "08935310000018",
        "name_vi": "Gạo Bắc Hương Thụy Anh túi 5 kg",
        "name_en": "Thụy Anh Bắc Hương rice, 5 kg bag",
        "summary_vi": "Gạo Bắc Hương dẻo, thơm nhẹ của cánh đồng mẫu lớn Thụy Anh, "
        "xay xát và đóng túi tại hợp tác xã.",
        "summary_en": "Soft, lightly fragrant Bắc Hương rice from the Thụy Anh "
        "large-field scheme, milled and bagged by the cooperative.",
        "story_vi": "Vùng Thái Thụy cũ là một trong những vựa lúa của đồng bằng "
        "sông Hồng. Xã viên hợp tác xã cấy chung một giống trên cánh đồng mẫu "
        "lớn, bón phân và phun thuốc theo lịch chung, nên mỗi vụ gạo đều như "
        "nhau.\n\nLúa gặt về được sấy ngay, xay trong ngày cần đóng túi để gạo "
        "giữ mùi thơm.",
        "story_en": "Former Thái Thụy is one of the rice bowls of the Red River "
        "delta. Cooperative members grow one variety together on a large-field "
        "scheme, feeding and spraying to a shared calendar, so every season's "
        "rice is alike.\n\nThe paddy is dried as soon as it is cut and milled on "
        "the day it is bagged, so the rice keeps its scent.",
        "ingredients_vi": "100% gạo trắng giống Bắc Hương.",
        "ingredients_en": "100 % white rice of the Bắc Hương variety.",
        "storage_vi": "Để nơi khô ráo, thoáng mát; buộc kín miệng túi sau khi mở.",
        "storage_en": "Keep in a cool, dry place; close the bag tightly once opened.",
        "category": "03",
        "key_decision_no": "QĐ 215/QĐ-UBND (demo)",
        "declaration_no": "01/2026/ĐT-TCB (demo)",
        "trademark": "Đồng Thụy",
        "standards": ["TCVN 11888:2017", "VietGAP"],
        "net_content": "5 kg",
        "shelf_life_days": None,
        "image": "gao-bac-huong.svg",
        "batches": [
            _rice_batch(
                "GBH2606A",
                "2026-06-08",
                "2026-06-20",
                ["33", "01"],
                12,
                False,
                PROVINCE_MARKET,
            ),
            _rice_batch(
                "GBH2610A",
                "2026-10-12",
                "2026-10-26",
                ["33", "01", "31"],
                12,
                True,
                HA_NOI_SHOP,
            ),
        ],
    },
    {
        "key": "gio-lua",
        "producer": "lac-dao-food",
        "kinds": ("essential",),
        "sector": "food",
        "gtin": "08935311000017",
        "name_vi": "Giò lụa Lạc Đạo 500 g",
        "name_en": "Lạc Đạo giò lụa (pork roll), 500 g",
        "summary_vi": "Giò lụa giã từ thịt lợn nóng trong ngày, gói lá chuối, "
        "đóng gói hút chân không.",
        "summary_en": "Pork roll pounded from same-day fresh pork, wrapped in "
        "banana leaves and vacuum-packed.",
        "story_vi": "Giò lụa là món không thể thiếu trong mâm cỗ ngày Tết của "
        "người Bắc Bộ. Thịt phải là thịt nóng, giã ngay khi vừa mổ thì giò mới "
        "dai và trắng hồng.\n\nCông ty nhận thịt mỗi sáng từ lò mổ có kiểm dịch "
        "thú y và ghi lại từng lô để người mua tra cứu.",
        "story_en": "Giò lụa belongs on every northern Tết table. The pork must "
        "be warm, pounded just after slaughter, for the roll to turn springy and "
        "pale pink.\n\nThe company takes pork each morning from an abattoir with "
        "veterinary inspection and records every lot for buyers to look up.",
        "ingredients_vi": "Thịt lợn nạc 90%, nước mắm, lá chuối.",
        "ingredients_en": "Lean pork 90 %, fish sauce, banana leaves.",
        "storage_vi": "Bảo quản ở 0–4 °C; dùng trong 2 ngày sau khi mở.",
        "storage_en": "Keep at 0–4 °C; eat within 2 days once opened.",
        "category": "08",
        "declaration_no": "05/2026/LĐ-TCB (demo)",
        "trademark": None,
        "standards": ["TCCS 02:2026/LĐ", "HACCP"],
        "net_content": "500 g",
        "shelf_life_days": 10,
        "image": "gio-lua.svg",
        "batches": [
            _pork_batch("GL2611A", "2026-11-03", ["33", "01"], 12, False, HA_NOI_SHOP),
            _pork_batch("GL2611B", "2026-11-17", ["33"], 12, True, PROVINCE_MARKET),
        ],
    },
    {
        "key": "cao-ich-mau",
        "producer": "phuc-an",
        "kinds": ("key",),
        "sector": "pharmaceuticals",
        "gtin": "08935312000016",
        "name_vi": "Cao ích mẫu Nghĩa Trai",
        "name_en": "Nghĩa Trai motherwort extract",
        "summary_vi": "Cao lỏng ích mẫu nấu theo cách truyền thống của làng "
        "thuốc Nghĩa Trai.",
        "summary_en": "Liquid motherwort extract made the traditional way of the "
        "Nghĩa Trai herb village.",
        "story_vi": "Làng Nghĩa Trai (Văn Lâm) làm thuốc nam đã nhiều đời. Cơ sở "
        "Phúc An tự trồng ích mẫu, cắt khi cây ra hoa và nấu cao bằng nồi đồng "
        "như cha ông.\n\nMỗi mẻ cao được ghi ngày cắt dược liệu và ngày nấu.",
        "story_en": "The village of Nghĩa Trai (Văn Lâm) has made herbal "
        "medicines for generations. The Phúc An household grows its own "
        "motherwort, cuts it in flower and reduces it in copper pots as its "
        "elders did.\n\nEvery batch records the day the herbs were cut and the "
        "day the extract was made.",
        "ingredients_vi": "Ích mẫu (Leonurus japonicus), hương phụ, ngải cứu, nước.",
        "ingredients_en": "Motherwort (Leonurus japonicus), nut grass, mugwort, water.",
        "storage_vi": "Để nơi khô mát, tránh ánh nắng. Hỏi ý kiến thầy thuốc "
        "trước khi dùng.",
        "storage_en": "Keep cool and out of the sun. Ask a physician before use.",
        "category": "18",
        "key_decision_no": "QĐ 215/QĐ-UBND (demo)",
        "trademark": "Phúc An",
        "standards": ["Dược điển Việt Nam V"],
        "net_content": "250 ml",
        "shelf_life_days": 730,
        "image": "cao-ich-mau.svg",
        "batches": [
            _herb_batch(
                "CIM2609A",
                "2026-09-02",
                "2026-09-15",
                ["33", "01"],
                10,
                True,
                HA_NOI_SHOP,
            ),
            _herb_batch(
                "CIM2611A",
                "2026-11-02",
                "2026-11-10",
                ["33"],
                10,
                False,
                PROVINCE_MARKET,
            ),
        ],
    },
]
