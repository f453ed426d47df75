"""What every page shares: the navigation, and the icons."""
