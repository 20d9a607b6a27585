/// The permission operations the emulator knows and enforces (reference §9.4).
enum PermissionCatalog {
    /// Every operation, in the order the reference lists them.
    static let allOperations: [String] = [
        "Auth:Logs:Read",
        "Auth:Users:Create", "Auth:Users:Read", "Auth:Users:Update", "Auth:Users:Activate",
        "Auth:Users:Deactivate", "Auth:Users:Delete",
        "Auth:ServiceAccounts:Create", "Auth:ServiceAccounts:Read", "Auth:ServiceAccounts:Update",
        "Auth:ServiceAccounts:Activate", "Auth:ServiceAccounts:Deactivate", "Auth:ServiceAccounts:Delete",
        "Auth:Pats:Create",
        "Auth:Delegated:Register", "Auth:Delegated:Login", "Auth:Delegated:Recover",
        "Permissions:Create", "Permissions:Read", "Permissions:Update", "Permissions:Assign", "Permissions:Revoke",
        "Permissions:Delete", "Permissions:Archive", "Permissions:Assignments:Read",
        "Webhooks:Create", "Webhooks:Read", "Webhooks:Update", "Webhooks:Delete", "Webhooks:Ping",
        "Webhooks:Events:Read",
        "Policies:Approvals:Read",
    ]

    /// The name of the permission that the bootstrapped operator holds.
    static let operatorPermissionName = "DfnsEmulatorOperator"
}
