from . import ecabinet_sign_wizard, ecabinet_sign_verify_wizard
from . import ecabinet_sign_xml_wizard
