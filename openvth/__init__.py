"""openvth: the open information system for the Dutch environmental VTH chain."""
