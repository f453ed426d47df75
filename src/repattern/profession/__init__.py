"""The profession: case studies, certification, certifiers, continuing education and the public
directory of certified practitioners."""
