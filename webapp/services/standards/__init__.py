"""Standards: GS1 keys, Digital Link, linksets, EPCIS, and the national portal."""
