extension ManifestDecoder {
    mutating func decodeServiceAccount(_ view: MappingView, _ metadata: ManifestMetadata) -> ServiceAccountSpec {
        ServiceAccountSpec(
            name: string(view, "name") ?? metadata.name,
            active: bool(view, "active") ?? true,
            permissions: permissions(view),
            daysValid: integer(view, "daysValid", in: 1...730),
            key: decodeKey(view),
            store: decodeStore(view, kind: .serviceAccount, name: metadata.name),
            management: decodeManagement(view),
            protect: bool(view, "protect") ?? false,
            adopt: dfnsID(view, "adopt", prefix: "us-", entity: "service account"),
            isOperator: bool(view, "operator") ?? false
        )
    }

    mutating func decodePersonalAccessToken(
        _ view: MappingView,
        _ metadata: ManifestMetadata
    ) -> PersonalAccessTokenSpec {
        let spec = PersonalAccessTokenSpec(
            name: string(view, "name") ?? metadata.name,
            active: bool(view, "active") ?? true,
            permissions: permissions(view),
            daysValid: integer(view, "daysValid", in: 1...730),
            secondsValid: integer(view, "secondsValid", in: 1...Int.max),
            key: decodeKey(view),
            store: decodeStore(view, kind: .personalAccessToken, name: metadata.name),
            management: decodeManagement(view),
            protect: bool(view, "protect") ?? false,
            adopt: dfnsID(view, "adopt", prefix: "to-", entity: "personal access token"),
            isOperator: bool(view, "operator") ?? false
        )
        if view.has("daysValid"), let seconds = view.entry("secondsValid") {
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
