import Foundation

/// Writes the operator's credentials where other processes can pick them up: `operator.env` and a key file.
public enum BootstrapFiles {
    /// The environment file's name inside the bootstrap directory.
    public static let environmentFileName = "operator.env"
    /// The private key file's name inside the bootstrap directory.
    public static let keyFileName = "operator-key.pem"

    /// Writes `DIR/operator.env` (`DFNS_API_URL`, `DFNS_AUTH_TOKEN`, `DFNS_CRED_ID`, `DFNS_PRIVATE_KEY` = the key
    /// file's path, plus `DFNS_ORG_ID` and `DFNS_USER_ID`) and `DIR/operator-key.pem`, both mode 0600.
    /// - Parameters:
    ///   - credentials: the operator, with its `apiURL` set.
    ///   - directory: the directory to write to; created (mode 0700) when missing.
    /// - Returns: the environment file's URL.
    /// - Throws: `EmulatorStartupError` naming the file that could not be written.
    @discardableResult
    public static func write(_ credentials: OperatorCredentials, to directory: String) throws -> URL {
        let folder = URL(fileURLWithPath: directory).standardizedFileURL
        let manager = FileManager.default
        do {
            try manager.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw EmulatorStartupError("cannot create the bootstrap directory \(folder.path): \(error)")
        }
        let keyFile = folder.appendingPathComponent(keyFileName)
        let environmentFile = folder.appendingPathComponent(environmentFileName)
        let environment =
            [
                "DFNS_API_URL=\(credentials.apiURL)",
                "DFNS_AUTH_TOKEN=\(credentials.authToken)",
                "DFNS_CRED_ID=\(credentials.credentialId)",
                "DFNS_PRIVATE_KEY=\(keyFile.path)",
                "DFNS_ORG_ID=\(credentials.orgId)",
                "DFNS_USER_ID=\(credentials.userId)",
            ].joined(separator: "\n") + "\n"
        try writePrivately(Data(credentials.privateKeyPEM.utf8), to: keyFile)
        try writePrivately(Data(environment.utf8), to: environmentFile)
        return environmentFile
    }

    private static func writePrivately(_ data: Data, to url: URL) throws {
        try PrivateFile.write(data, to: url.path)
    }
}
