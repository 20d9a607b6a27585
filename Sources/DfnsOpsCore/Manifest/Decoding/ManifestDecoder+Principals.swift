extension ManifestDecoder {
    /// Decodes the spec of a `ServiceAccount` or `PersonalAccessToken`; only PATs accept `secondsValid`
    /// (``allowedFields(_:)`` refuses it for service accounts before this runs).
    mutating func decodeKeyedPrincipal(
        _ kind: ManifestKind,
        _ view: MappingView,
        _ metadata: ManifestMetadata
    ) -> KeyedPrincipalSpec {
        let isToken = kind == .personalAccessToken
        let spec = KeyedPrincipalSpec(
            kind: kind,
            name: string(view, "name") ?? metadata.name,
            active: bool(view, "active") ?? true,
            permissions: permissions(view),
            daysValid: integer(view, "daysValid", in: 1...730),
            secondsValid: isToken ? integer(view, "secondsValid", in: 1...Int.max) : nil,
            key: decodeKey(view),
            store: decodeStore(view, kind: kind, name: metadata.name),
            management: decodeManagement(view),
            protect: bool(view, "protect") ?? false,
            adopt: isToken
                ? dfnsID(view, "adopt", prefix: "to-", entity: "personal access token")
                : dfnsID(view, "adopt", prefix: "us-", entity: "service account"),
            isOperator: bool(view, "operator") ?? false
        )
        if isToken, view.has("daysValid"), let seconds = view.entry("secondsValid") {
            report(
                .conflictingFields,
                "spec sets both daysValid and secondsValid",
                at: seconds.keyLocation,
                hint: "Dfns ignores daysValid when secondsValid is given; keep one of them"
            )
        }
        return spec
    }
}
