"""AK/SK SDK-HMAC-SHA256 canonical request: the one implementation the client signs with and the emulator verifies with."""
