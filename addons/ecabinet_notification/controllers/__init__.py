from . import portal
from . import telegram
