"""Demo products, grouped by the part of the province they come from."""
