@_exported import DfnsWire

/// The fingerprint of secret material as the store records it (``SecretVersionInfo/fingerprint``): DfnsWire's
/// `Fingerprint`, the formula DfnsAPI uses too, under the name the store's API has always used.
public typealias SecretFingerprint = Fingerprint
