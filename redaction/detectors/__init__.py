"""The detectors, listed once: each finds one kind of identifying detail in a letter."""

from redaction.detectors.base import Detector
from redaction.detectors.capitals import CapitalsDetector
from redaction.detectors.chants import ChantDetector, PlaceNicknameDetector
from redaction.detectors.cues import CueDetector, EmployerDetector
from redaction.detectors.gazetteer import LowerCaseGazetteerDetector
from redaction.detectors.known import KnownDetector
from redaction.detectors.lowercase import LowerCaseLetterDetector, UpperCaseLetterDetector
from redaction.detectors.ner import NerDetector
from redaction.detectors.patterns import ContactDetector, DateDetector, PostcodeDetector, ReferenceDetector
from redaction.detectors.signatures import InitialsDetector, SignatureDetector

DETECTORS: tuple[Detector, ...] = (
    NerDetector(),
    ContactDetector(),
    ReferenceDetector(),
    PostcodeDetector(),
    DateDetector(),
    CapitalsDetector(),
    CueDetector(),
    EmployerDetector(),
    ChantDetector(),
    PlaceNicknameDetector(),
    SignatureDetector(),
    InitialsDetector(),
    LowerCaseGazetteerDetector(),
    LowerCaseLetterDetector(),
    UpperCaseLetterDetector(),
    KnownDetector(),
)
