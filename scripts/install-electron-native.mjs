// Placeholder replaced below in the session; keeps npm install from failing meanwhile.
