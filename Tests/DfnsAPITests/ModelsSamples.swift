/// JSON samples shaped as in the Dfns reference (docs/dfns-api.md §4–§9), with extra unknown fields.
enum ModelsSamples {
    static let publicKeyPEM = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE3cT1t0y3yZ3hD9b+/wq2xL0z2GfK
        uR1H2m8nJd3oQ0k2m2Hf6J3a6a3u0cW1O1x8Jt2vZK7hZ0oQm5k3xGzZyA==
        -----END PUBLIC KEY-----
        """

    static func serviceAccount(userId: String = "us-2a1b3-4c5d6-7e8f9g0h1i2j3k4l", withToken: Bool) -> String {
        let token = withToken ? #""accessToken": "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.sa-token","# : ""
        return """
            {
              "userInfo": {
                "userId": "\(userId)",
                "username": "dfnsops-ci",
                "name": "dfnsops-ci",
                "kind": "CustomerEmployee",
                "credentialUuid": "cr-1a2b3-4c5d6-7e8f9g0h1i2j3k4l",
                "orgId": "or-30tnh-itmjs-8pu3oa8bm1jj4k2i",
                "accountId": "acct-123",
                "permissions": [],
                "isActive": true,
                "isServiceAccount": true,
                "isRegistered": true,
                "permissionAssignments": [
                  {"permissionName": "Reconciler", "permissionId": "pm-1", "assignmentId": "as-1",
                   "operations": ["Auth:ServiceAccounts:Read"]}
                ],
                "someFutureField": {"nested": [1, 2, 3]}
              },
              "accessTokens": [
                {
                  \(token)
                  "tokenId": "to-7f2a1-3b4c5-6d7e8f9a0b1c2d3e",
                  "credId": "Y3JlZC1zYS0x",
                  "publicKey": \(quoted(publicKeyPEM)),
                  "isActive": true,
                  "dateCreated": "2026-05-01T12:00:00.123Z",
                  "kind": "ServiceAccount",
                  "linkedUserId": "\(userId)",
                  "linkedAppId": "ap-1",
                  "name": "dfnsops-ci",
                  "orgId": "or-30tnh-itmjs-8pu3oa8bm1jj4k2i",
                  "permissionAssignments": [],
                  "unknownTokenField": true
                }
              ]
            }
            """
    }

    static func webhook(id: String = "wh-1", secret: String? = nil, status: String = "Enabled") -> String {
        let secretField = secret.map { #","secret":"\#($0)""# } ?? ""
        return """
            {"id":"\(id)","url":"https://hooks.example.com/dfns","events":["wallet.created","*"],
             "status":"\(status)","description":"CI hook [dfnsops:Webhook/ci]",
             "dateCreated":"2026-05-01T12:00:00Z","dateUpdated":"2026-05-02T08:30:00.5Z",
             "orgId":"or-ignored"\(secretField)}
            """
    }

    static let credentialList = """
        {"items":[
          {"kind":"Key","credentialId":"Y3JlZC0x","credentialUuid":"cr-1","dateCreated":"2026-01-02T03:04:05.678Z",
           "isActive":true,"name":"dfnsops:ServiceAccount/ci#1","publicKey":\(quoted(publicKeyPEM)),
           "relyingPartyId":"dfns.io","origin":"https://app.dfns.io","extra":1},
          {"kind":"Fido2","credentialId":"ZmlkbzI","credentialUuid":"cr-2","dateCreated":"2026-01-03T00:00:00Z",
           "isActive":false,"name":"laptop","publicKey":"SHA256:abc"}
        ]}
        """

    static let keyChallenge = """
        {"kind":"Key","challenge":"Y2hhbGxlbmdl","challengeIdentifier":"eyJjaGFsbGVuZ2Ui.jwt",
         "temporaryAuthenticationToken":"eyJ0ZW1wIi.jwt","rp":{"id":"dfns.io","name":"Dfns"},
         "user":{"id":"us-1","name":"ops@example.com","displayName":"Ops"},
         "pubKeyCredParams":[{"type":"public-key","alg":-7},{"type":"public-key","alg":-257}],
         "attestation":"direct","excludeCredentials":[]}
        """

    static let user = """
        {"userId":"us-1","username":"ops@example.com","name":"Ops","kind":"CustomerEmployee",
         "credentialUuid":"cr-1","orgId":"or-1","tenantId":"tn-1","permissions":["Auth:Users:Read"],
         "isActive":true,"isServiceAccount":false,"isRegistered":true,"isSSORequired":false,
         "permissionAssignments":[{"permissionName":"Admin","permissionId":"pm-1","assignmentId":"as-1"}]}
        """

    static let permission = """
        {"id":"pm-1","name":"Reconciler","operations":["Webhooks:Read","Auth:ServiceAccounts:Read"],
         "status":"Active","isImmutable":false,"isArchived":false,"dateCreated":"2026-01-01T00:00:00.000Z",
         "dateUpdated":"2026-01-02T00:00:00.000Z","pendingChangeRequest":{"id":"cr-9","status":"Pending"}}
        """

    static let assignment = """
        {"id":"as-1","permissionId":"pm-1","identityId":"us-1","isImmutable":false,
         "dateCreated":"2026-01-01T00:00:00Z","dateUpdated":"2026-01-01T00:00:00Z","pendingChangeRequest":null}
        """

    static let webhookEvent = """
        {"id":"whe-1","kind":"wallet.created","date":"2026-05-01T12:00:00.000Z",
         "data":{"wallet":{"id":"wa-1","network":"Ethereum"},"amount":1.5,"ok":true,"none":null},
         "status":"200","timestampSent":1777636800,"deliveryAttempt":1}
        """

    static let deliveryPayload = """
        {"id":"whe-2","kind":"wallet.created","date":"2026-05-01T12:00:00.000Z","data":{"x":"y"},
         "deliveryAttempt":2,"retryOf":"whe-1","timestampSent":1777636860}
        """

    static func quoted(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\n": escaped += "\\n"
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            default: escaped.append(character)
            }
        }
        return "\"" + escaped + "\""
    }
}
