import Foundation
import Testing

@testable import DfnsOpsCore

/// The saved plan's text: the same on every platform, and read back exactly.
@Suite("JSON plan renderer")
struct PlanJSONRendererTests {
    static let plan = Plan(
        createdAt: Date(timeIntervalSince1970: 1_800_000_000), liveStateFingerprint: "sha256:0123456789abcdef",
        manifestsDigest: "sha256:fedcba9876543210",
        actions: [
            PlannedAction(
                id: "create:Webhook/treasury", type: .create, kind: .webhook, name: "treasury", reason: .notFound,
                changes: [FieldChange(field: "events", before: nil, after: .list([]))],
                summary: "create webhook treasury")
        ], notes: [])

    @Test("empty arrays and objects are written [] and {}, with no blank line inside")
    func emptyCollectionsAreCompact() throws {
        let json = try PlanJSONRenderer.render(Self.plan)
        #expect(json.contains("\"dependsOn\" : [],"))
        #expect(json.contains("\"guards\" : [],"))
        #expect(json.contains("\"after\" : [],"))
        #expect(json.contains("\"drift\" : [],"))
        #expect(json.contains("\"liveObjects\" : {},"))
        #expect(!json.contains("\n\n"))
        #expect(json.hasSuffix("}\n"))
    }

    @Test("a rendered plan decodes to the same plan")
    func roundTrip() throws {
        let json = try PlanJSONRenderer.render(Self.plan)
        #expect(try PlanJSONRenderer.decode(Data(json.utf8)) == Self.plan)
    }

    @Test("collapsing leaves brackets inside strings and non-empty collections alone")
    func collapsingIsStructural() {
        let text = "{\n  \"a\" : \"[\\n]\",\n  \"b\" : [\n    1\n  ],\n  \"c\" : [\n\n  ]\n}"
        #expect(
            JSONOutput.collapsingEmptyCollections(text)
                == "{\n  \"a\" : \"[\\n]\",\n  \"b\" : [\n    1\n  ],\n  \"c\" : []\n}")
    }
}
