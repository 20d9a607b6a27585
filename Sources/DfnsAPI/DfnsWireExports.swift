// Fingerprints and hex belong to the models every DfnsAPI user works with (a key's fingerprint, a signature's hex),
// so importing DfnsAPI brings them, as it did before they moved to DfnsWire to be shared with SecretStores.
@_exported import DfnsWire
