"""fanzha (反诈): the anti-telecom-network-fraud platform."""
