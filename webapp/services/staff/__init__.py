"""Staff: accounts, passwords, and who may read and change each kind of record."""
