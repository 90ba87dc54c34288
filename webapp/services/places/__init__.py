"""Places: provinces and wards, positions and distances, the map."""
