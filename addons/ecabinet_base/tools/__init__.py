from . import api
from . import lang
