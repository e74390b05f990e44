# Pure-Python signing building blocks (no ORM): the key-backend interface and
# its implementations, XML-DSig / edXML. The models in ../models use them.
