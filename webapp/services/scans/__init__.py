"""Scans: recording one, judging it (detection, evidence), and what they leave."""
