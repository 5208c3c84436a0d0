"""Model building: corpus statistics, synthetic OCR, the channel, the neural scorer, the kernels.

Not shipped in the wheel; `make model`, `make neural` and `make setup` run it from a checkout.
"""
