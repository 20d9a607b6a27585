import DfnsAPI
import Foundation
import SecretStores
import TestSupport
import Testing

/// Issue 14, item 1: a pull-request plan job holds a read token and nothing else — no `DFNS_CRED_ID`, no
/// `DFNS_PRIVATE_KEY`, and a store whose secret values it cannot read (here: a copy with the labels files only).
/// Through a whole rekey rotation and a replace rotation, that plan shows the same actions as a plan with full
/// access, and `apply` of it with full access is not refused as stale.
@Suite("plan with a read token and store metadata only")
struct ReadTokenPlanTests {
    static let rekey = "payments-signer"
    static let replace = "reports-reader"

    @Test("same actions as with full access at every rotation phase, and the read-only plan applies cleanly")
    func readOnlyPlanMatchesFullAccess() async throws {
        try await RotationLab.with { lab in
            try lab.declare(RotationLab.serviceAccount(Self.rekey), as: Self.rekey)
            try lab.declare(
                RotationLab.serviceAccount(
                    Self.replace, permissions: ["Wallets Reader"], maxAge: "110d", strategy: "replace"),
                as: Self.replace)
            let created = try await lab.apply()
            #expect(created.status == 0, "\(created)")
            let accountId = try #require(try await lab.serviceAccounts(named: Self.rekey).first).userInfo.userId
            let firstCredential = try #require(try await lab.credentials(owner: accountId).first)

            // Day 0 steady; day 90 the rekey account is due; day 91 its overlap; day 93 it retires the old key;
            // day 94 nothing (the store recorded the retirement); day 110 the replace account is due; day 113 it
            // retires its old service account; day 120 the rekey account's retain has elapsed.
            var phases: [String: Int] = [:]
            for (label, days) in [
                ("steady", 0.0), ("due", 90), ("overlap", 1), ("retire", 2), ("retired", 1), ("replace due", 16),
                ("replace retire", 3), ("retain elapsed", 7),
            ] {
                try await lab.advance(days: days)
                let full = try await Self.plan(lab, readOnly: false)
                let readOnly = try await Self.plan(lab, readOnly: true)
                #expect(
                    Self.canonical(readOnly["actions"]) == Self.canonical(full["actions"]),
                    "\(label): the read-only plan's actions differ from the full plan's")
                #expect(
                    readOnly["liveStateFingerprint"] as? String == full["liveStateFingerprint"] as? String,
                    "\(label): the fingerprints differ")
                let actions = readOnly["actions"] as? [[String: Any]] ?? []
                phases[label] = actions.count

                // Apply the plan made with the read token, with full access.
                try lab.write(readOnly["json"] as? String ?? "", to: "read-only-plan.json")
                let applied = try await lab.dfnsops(["apply", "read-only-plan.json", "--auto-approve"])
                #expect(applied.status == 0, "\(label): \(applied)")
                #expect(!applied.stderr.contains("stale"), "\(label): \(applied)")
            }
            #expect(phases["steady"] == 0 && phases["overlap"] == 0 && phases["retired"] == 0, "\(phases)")
            #expect(
                phases["due"] == 1 && phases["retire"] == 1 && phases["replace due"] == 1
                    && phases["replace retire"] == 1 && phases["retain elapsed"] == 1, "\(phases)")

            // The read-only plan at day 93 named the old credential by its credential id, and apply deactivated it.
            let old = try #require(
                try await lab.credentials(owner: accountId).first { $0.credentialId == firstCredential.credentialId })
            #expect(!old.isActive, "the old credential was retired by the read-only plan")
            let metadata = try await lab.entry("accounts/\(Self.rekey)")
            #expect(metadata.previous == nil && metadata.current?.metadata.generation == 2, "\(metadata)")
        }
    }

    @Test("a read-only plan never loads DFNS_PRIVATE_KEY: an unreadable key path does not stop it")
    func keyIsNeverLoaded() async throws {
        try await RotationLab.with { lab in
            try lab.declare(RotationLab.serviceAccount(Self.rekey), as: Self.rekey)
            let result = try await lab.plan(
                ["--metadata-only"],
                environment: ["DFNS_PRIVATE_KEY": "/nonexistent/operator.pem", "DFNS_CRED_ID": "not-a-credential"])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("1 to create"), "\(result)")
            let apply = try await lab.apply(environment: ["DFNS_PRIVATE_KEY": "", "DFNS_CRED_ID": ""])
            #expect(apply.status != 0, "apply needs the key: \(apply)")
            #expect(apply.stderr.contains("DFNS_PRIVATE_KEY"), "\(apply)")
        }
    }

    /// `plan --format json --out FILE`: with full access in the lab, or with the read token only in a copy of the
    /// working directory whose store holds the labels files and no version file. The plan file's text is returned
    /// under `json`.
    static func plan(_ lab: RotationLab, readOnly: Bool) async throws -> [String: Any] {
        let result: RotationRunResult
        let planFile: URL
        if readOnly {
            let copy = try metadataOnlyCopy(of: lab)
            planFile = copy.file("plan.json")
            result = try await lab.launch(
                ["plan", RotationLab.manifests, "--format", "json", "--out", planFile.path],
                environment: ["DFNS_CRED_ID": "", "DFNS_PRIVATE_KEY": ""], in: copy
            ).finish()
            #expect(result.status == 0, "\(result)")
            return try decode(planFile)
        }
        planFile = lab.directory.file("full-plan.json")
        result = try await lab.plan(["--format", "json", "--out", planFile.path])
        #expect(result.status == 0, "\(result)")
        return try decode(planFile)
    }

    /// The plan file, decoded, with its text under `json`.
    private static func decode(_ planFile: URL) throws -> [String: Any] {
        let text = try String(contentsOf: planFile, encoding: .utf8)
        var plan = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        plan["json"] = text
        return plan
    }

    /// The manifests and the store's labels files, without a single version file: what a job with metadata-only
    /// access to the store can read.
    static func metadataOnlyCopy(of lab: RotationLab) throws -> TemporaryDirectory {
        let copy = try TemporaryDirectory(prefix: "dfnsops-read-only")
        let manager = FileManager.default
        try manager.copyItem(at: lab.directory.file(RotationLab.manifests), to: copy.file(RotationLab.manifests))
        let source = lab.directory.file(RotationLab.storeDirectory)
        let target = copy.file(RotationLab.storeDirectory)
        var copied = 0
        let walker = manager.enumerator(at: source, includingPropertiesForKeys: nil)
        while let file = walker?.nextObject() as? URL {
            guard file.lastPathComponent == "@labels.json" else { continue }
            let relative = String(file.path.dropFirst(source.path.count + 1))
            let destination = target.appendingPathComponent(relative)
            try manager.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            try manager.copyItem(at: file, to: destination)
            copied += 1
        }
        try manager.createDirectory(at: target, withIntermediateDirectories: true)
        try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: target.path)
        var folder = target.deletingLastPathComponent()
        while folder.path.count > copy.url.path.count {
            try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
            folder = folder.deletingLastPathComponent()
        }
        let versionFiles = (manager.enumerator(atPath: target.path)?.allObjects as? [String] ?? []).filter {
            $0.hasSuffix(".json") && !$0.hasSuffix("@labels.json")
        }
        #expect(copied > 0 && versionFiles.isEmpty, "the copy holds labels only: \(versionFiles)")
        return copy
    }

    /// Canonical JSON text of a value, keys sorted, for comparing two plans' actions.
    static func canonical(_ value: Any?) -> String {
        guard let value, let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) else {
            return "null"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
