"""fanzha's fraud-text detection engine: a plain Python library, no Django.

>>> from fanzha.detect.engine import load_detector
>>> load_detector().detect("请把验证码发给我").to_dict()  # doctest: +SKIP
"""

from .cues import CUES, CueHit, find_cues
from .detector import DetectInputError, Detection, Detector, load_detector
from .extract import Indicator
from .normalize import normalize
from .taxonomy import FraudType, fraud_types, label_to_code, type_name

__all__ = [
    "CUES",
    "CueHit",
    "DetectInputError",
    "Detection",
    "Detector",
    "FraudType",
    "Indicator",
    "find_cues",
    "fraud_types",
    "label_to_code",
    "load_detector",
    "normalize",
    "type_name",
]
