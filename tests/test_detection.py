"""Every detection rule and its edges, on the pure engine."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from webapp.services.scans.detection import (
    Aggregates,
    NetworkState,
    Rules,
    ScanFacts,
    assess,
    verdict_for,
)

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
RULES = Rules(max_shopper_devices=3, burst_size=3, burst_window_seconds=600)
HUNG_YEN = (20.65, 106.05)
HA_NOI = (21.03, 105.85)
HO_CHI_MINH = (10.78, 106.70)


class Serial:
    """Plays scans of one serial through the engine, keeping state as the DB would."""

    def __init__(self, regions=("33", "01"), rules=RULES, code_reasons=()):
        self.stats = Aggregates()
        self.devices: dict[str, str] = {}
        self.networks: dict[str, NetworkState] = {}
        self.regions, self.rules, self.code_reasons = regions, rules, code_reasons

    def scan(
        self,
        device,
        network="net-1",
        minutes=0,
        where=None,
        province="33",
        role="shopper",
    ):
        lat, lon = where if where else (None, None)
        facts = ScanFacts(
            T0 + timedelta(minutes=minutes),
            device,
            network,
            role,
            province,
            lat,
            lon,
            source="position" if where else "hand" if province else None,
        )
        result = assess(
            self.stats,
            facts,
            self.rules,
            self.regions,
            self.devices.get(device),
            self.networks.get(network),
            self.code_reasons,
        )
        self.stats = result.aggregates
        if result.new_device:
            self.devices[device] = network
        if result.network is not None:
            self.networks[network] = result.network
        return result


def test_first_scan_in_region_is_authentic():
    result = Serial().scan("phone-a", where=HUNG_YEN)
    assert (result.verdict, result.reasons) == ("authentic", [])
    assert (result.standing.observations, result.standing.notices) == ([], [])


def test_an_assessment_says_whether_the_scan_brought_a_new_device():
    serial = Serial()
    assert serial.scan("phone-a").new_device is True
    assert serial.scan("phone-a", minutes=5).new_device is False
    assert serial.scan("inspector", network="net-2", role="inspector").new_device is (
        False
    )


def test_same_device_rescanning_counts_once():
    serial = Serial()
    for minute in range(0, 100, 10):
        result = serial.scan("phone-a", minutes=minute)
    assert result.verdict == "authentic"
    assert serial.stats.devices == 1 and serial.stats.scan_count == 10


def test_more_households_than_the_threshold_is_suspicious_not_counterfeit():
    serial = Serial()
    for n in range(3):
        assert (
            serial.scan(f"phone-{n}", network=f"net-{n}", minutes=n * 60).verdict
            == "authentic"
        )
    result = serial.scan("phone-3", network="net-3", minutes=240)
    assert (result.verdict, result.reasons) == ("suspicious", ["duplicate_scans"])


def test_devices_a_human_found_genuine_no_longer_count():
    serial = Serial()
    for n in range(4):
        result = serial.scan(f"phone-{n}", network=f"net-{n}", minutes=n * 60)
    assert result.reasons == ["duplicate_scans"]
    # An inspector's "genuine": the devices so far are cleared.
    serial.stats = replace(serial.stats, cleared_devices=serial.stats.effective_devices)
    assert serial.scan("phone-0", network="net-0", minutes=300).reasons == []
    for n in range(4, 7):  # as many new ones as the threshold allows
        result = serial.scan(f"phone-{n}", network=f"net-{n}", minutes=n * 60)
    assert (serial.stats.effective_devices, result.reasons) == (7, [])
    result = serial.scan("phone-7", network="net-7", minutes=600)
    assert result.reasons == ["duplicate_scans"]


def test_threshold_is_data():
    serial = Serial(rules=replace(RULES, max_shopper_devices=5))
    for n in range(5):
        result = serial.scan(f"phone-{n}", network=f"net-{n}", minutes=n * 60)
    assert result.verdict == "authentic"


def test_bot_burst_from_one_address_weighs_as_one_device():
    serial = Serial()
    for n in range(50):
        result = serial.scan(f"bot-{n}", network="bot-net", minutes=n * 0.1)
    assert result.verdict == "authentic"
    assert serial.stats.devices == 50 and serial.stats.effective_devices == 1


def test_a_household_on_its_home_wifi_counts_once():
    serial = Serial()
    serial.scan("buyer", network="carrier-x", minutes=0)
    serial.scan("buyer", network="home-wifi", minutes=300)  # links the home network
    for n in range(3):
        serial.scan(f"family-{n}", network="home-wifi", minutes=600 + n * 600)
    assert serial.stats.devices == 4 and serial.stats.effective_devices == 1


def test_one_address_alone_never_condemns_but_slow_crowds_add_up():
    serial = Serial()
    for n in range(8):  # a day apart: not a burst, but one shared address
        result = serial.scan(f"phone-{n}", network="carrier-nat", minutes=n * 1440)
    assert serial.stats.effective_devices == 2 and result.verdict == "authentic"
    for n in range(2):
        result = serial.scan(f"other-{n}", network=f"net-{n}", minutes=20000 + n * 60)
    assert result.reasons == ["duplicate_scans"]


def test_a_burst_does_not_hide_households_before_it():
    serial = Serial()
    for n in range(3):
        serial.scan(f"home-{n}", network=f"home-net-{n}", minutes=n * 60)
    for n in range(10):
        serial.scan(f"bot-{n}", network="bot-net", minutes=500 + n * 0.1)
    assert serial.stats.effective_devices == 4
    assert serial.scan("home-0", network="home-net-0", minutes=900).reasons == [
        "duplicate_scans"
    ]


def test_one_source_outside_the_regions_is_shown_to_staff_only():
    serial = Serial(regions=("33", "01"))
    assert serial.scan("phone-a", province="01").verdict == "authentic"
    result = serial.scan("phone-b", network="net-2", province="79", minutes=600)
    assert (result.verdict, result.reasons) == ("authentic", [])
    assert result.standing.observations == ["out_of_region_once"]
    assert result.standing.notices == ["gift_elsewhere"]
    # the next buyer at home is told nothing new
    assert serial.scan("phone-a", province="33", minutes=700).verdict == "authentic"


def test_a_second_independent_source_outside_the_regions_is_suspicious():
    serial = Serial(regions=("33", "01"))
    serial.scan("phone-a", province="33")
    serial.scan("phone-b", network="net-2", province="79", minutes=600)
    result = serial.scan(
        "phone-c", network="net-3", province="79", where=HO_CHI_MINH, minutes=900
    )
    assert result.reasons == ["out_of_region"]
    assert result.standing.notices == []
    # recomputed, not latched: the genuine buyer sees the same standing
    assert serial.scan("phone-a", province="33", minutes=999).reasons == [
        "out_of_region"
    ]


def test_far_provinces_chosen_by_hand_alone_never_warn_shoppers():
    serial = Serial(regions=("33",))
    serial.scan("phone-a", network="wifi", province="79")
    result = serial.scan("phone-b", network="mobile", province="01", minutes=5)
    assert serial.stats.evidence.away_sources == 2
    assert (result.verdict, result.reasons) == ("authentic", [])
    assert result.standing.observations == ["out_of_region_by_hand"]
    assert result.standing.notices == ["gift_elsewhere"]
    buyer = serial.scan("buyer", network="home", minutes=600)
    assert (buyer.verdict, buyer.reasons) == ("authentic", [])


def test_one_position_among_the_far_sources_makes_it_suspicious():
    serial = Serial(regions=("33",))
    serial.scan("phone-a", network="wifi", province="79")
    serial.scan("phone-b", network="mobile", province="79", where=HO_CHI_MINH)
    buyer = serial.scan("buyer", network="home", minutes=600)
    assert buyer.reasons == ["out_of_region"]
    assert buyer.standing.observations == []


def test_one_address_claiming_a_province_is_one_source_however_many_devices():
    serial = Serial(regions=("33",))
    for n in range(20):
        serial.scan(f"bot-{n}", network="net-bot", province="79", minutes=n * 30)
    assert serial.stats.evidence.away_sources == 1
    assert serial.scan("buyer", network="home", minutes=2000).verdict == "authentic"


def test_one_phone_on_two_networks_is_one_source():
    serial = Serial(regions=("33",))
    serial.scan("visitor", network="wifi", province="01")
    result = serial.scan("visitor", network="mobile", province="01", minutes=60)
    assert result.verdict == "authentic" and serial.stats.evidence.away_sources == 1


def test_unknown_province_is_not_out_of_region():
    assert Serial().scan("phone-a", province=None).verdict == "authentic"


def test_a_hand_chosen_province_against_the_position_is_tampering():
    serial = Serial(regions=("33",))
    facts = ScanFacts(T0, "phone-a", "net-1", province="33", lat=20.65, lon=106.05)
    result = assess(
        serial.stats, replace(facts, tampered=True), RULES, ("33",), None, None
    )
    assert result.verdict == "authentic"
    assert result.standing.observations == ["location_tampering"]


def test_two_far_positions_from_one_address_do_not_frame_the_serial():
    serial = Serial(regions=())
    serial.scan("invented-1", network="net-bad", where=HA_NOI)
    serial.scan("invented-2", network="net-bad", where=HO_CHI_MINH, minutes=1)
    buyer = serial.scan("buyer", network="home", where=HUNG_YEN, minutes=30)
    assert buyer.verdict == "authentic"
    assert buyer.standing.observations == ["travel_once"]  # shown to staff


def test_conflicts_no_single_network_explains_are_impossible_travel():
    serial = Serial(regions=(), rules=replace(RULES, max_shopper_devices=10))
    serial.scan("phone-a", network="net-a", where=HUNG_YEN)
    first = serial.scan("phone-b", network="net-b", where=HO_CHI_MINH, minutes=60)
    assert first.reasons == [] and first.standing.observations == ["travel_once"]
    serial.scan("phone-c", network="net-c", where=HUNG_YEN, minutes=600)
    second = serial.scan("phone-d", network="net-d", where=HO_CHI_MINH, minutes=660)
    assert second.reasons == ["impossible_travel"]


@pytest.mark.parametrize(
    ("where", "minutes", "flagged"),
    [
        (HA_NOI, 15, True),  # 47 km in 15 min between two phones
        (HA_NOI, 90, False),  # 50 km in 1.5 h: a drive
        ((20.70, 106.07), 1, False),  # same town: within position error
    ],
)
def test_travel_edges(where, minutes, flagged):
    serial = Serial(regions=())
    serial.scan("phone-a", where=HUNG_YEN)
    serial.scan("phone-b", network="net-2", where=where, minutes=minutes)
    assert (serial.stats.evidence.conflicts > 0) is flagged


def test_a_coarse_position_widens_the_error_allowed():
    serial = Serial(regions=())
    serial.scan("phone-a", where=HUNG_YEN)
    facts = ScanFacts(
        T0 + timedelta(minutes=15), "phone-b", "net-2", lat=HA_NOI[0], lon=HA_NOI[1]
    )
    coarse = replace(facts, accuracy_km=25.0)
    result = assess(serial.stats, coarse, RULES, (), None, None)
    assert result.aggregates.evidence.conflicts == 0


def test_one_phone_travelling_fast_is_not_impossible_travel():
    serial = Serial(regions=())
    serial.scan("phone-a", where=HUNG_YEN)
    assert serial.scan("phone-a", where=HO_CHI_MINH, minutes=60).reasons == []
    assert serial.stats.evidence.conflicts == 0


def test_inspector_and_producer_scans_never_count():
    serial = Serial(regions=("33",))
    for n in range(10):
        result = serial.scan(
            f"inspector-{n}", network=f"n{n}", province="79", role="inspector"
        )
        serial.scan(f"producer-{n}", network=f"p{n}", role="producer")
    assert result.verdict == "authentic"
    assert serial.stats.devices == 0 and serial.stats.scan_count == 20


def test_scan_by_another_device_after_the_pin_claim():
    serial = Serial()
    serial.stats = replace(serial.stats, claimed_device="buyer")
    assert serial.scan("buyer").verdict == "authentic"
    result = serial.scan("someone-else", network="net-2", minutes=5)
    assert result.reasons == ["claimed_elsewhere"]


@pytest.mark.parametrize(
    ("reasons", "verdict"),
    [
        (["unknown_code"], "counterfeit"),
        (["bad_check"], "counterfeit"),
        (["void", "duplicate_scans"], "counterfeit"),
        (["confirmed_fake"], "counterfeit"),
        (["duplicate_scans", "out_of_region"], "suspicious"),
        (["claimed_elsewhere"], "suspicious"),
        ([], "authentic"),
    ],
)
def test_verdicts(reasons, verdict):
    assert verdict_for(reasons) == verdict


def test_code_facts_outweigh_behaviour():
    result = Serial(code_reasons=("confirmed_fake",)).scan("phone-a")
    assert (result.verdict, result.reasons) == ("counterfeit", ["confirmed_fake"])
