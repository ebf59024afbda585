extension TerminalRendering {
    /// The table `ferry deployments list` prints: NAME, PRIMARY, CANARY, SHADOW, PREVIOUS, READY.
    ///
    /// A canary or shadow shows as `4 (10%)`, with its state when it is not ready: `4 (10%, loading)`.
    public static func deploymentList(_ deployments: [DeploymentStatus]) -> String {
        guard !deployments.isEmpty else { return "No deployments." }
        let rows = deployments.map { deployment in
            [
                deployment.name,
                deployment.primary + stateSuffix(deployment, deployment.primary),
                share(deployment.canary, in: deployment),
                share(deployment.shadow, in: deployment),
                deployment.previous ?? CellText.missing,
                deployment.ready ? "yes" : "no",
            ]
        }
        return TextTable(headers: ["NAME", "PRIMARY", "CANARY", "SHADOW", "PREVIOUS", "READY"], rows: rows).render()
    }

    /// What `ferry deployments show NAME` (and every change) prints: the roles and split, then a table
    /// of the versions: VERSION, ROLE, STATE, SOURCE, and why a failed one failed.
    public static func deployment(_ deployment: DeploymentStatus) -> String {
        let fields = FieldList(fields: [
            ("Deployment", deployment.name),
            ("Ready", deployment.ready ? "yes" : "no: no version can answer yet"),
            ("Primary", deployment.primary + stateSuffix(deployment, deployment.primary)),
            ("Canary", deployment.canary.map { share($0, in: deployment) }),
            ("Traffic", trafficSplit(deployment)),
            ("Shadow", deployment.shadow.map { share($0, in: deployment) }),
            ("Previous", deployment.previous),
            ("Sticky header", deployment.stickyHeader),
        ])
        let rows = deployment.versions.map { version in
            [version.version, version.role ?? CellText.missing, version.state, version.source, version.error.map { CellText.oneLine($0, limit: 80) } ?? ""]
        }
        let table = TextTable(headers: ["VERSION", "ROLE", "STATE", "SOURCE", "ERROR"], rows: rows).render()
        return fields.render() + "\n\n" + table
    }

    /// How requests are split now: versions that are not ready get nothing.
    private static func trafficSplit(_ deployment: DeploymentStatus) -> String {
        let primaryReady = deployment.version(deployment.primary)?.state == "ready"
        let canary = deployment.canary.flatMap { share in deployment.version(share.version)?.state == "ready" ? share.percent : nil }
        let sticky = deployment.stickyHeader.map { " (sticky by header \($0))" } ?? ""
        switch (primaryReady, canary) {
        case (true, let percent?): return "\(CellText.number(100 - percent))% primary, \(CellText.number(percent))% canary" + sticky
        case (true, nil): return "100% primary"
        case (false, _?): return "100% canary (the primary is not ready)"
        case (false, nil): return "none: no version is ready"
        }
    }

    /// `4 (10%)`, or `4 (10%, loading)` when the version is not ready; ``CellText/missing`` for none.
    private static func share(_ share: DeploymentStatus.Share?, in deployment: DeploymentStatus) -> String {
        guard let share else { return CellText.missing }
        let state = deployment.version(share.version)?.state ?? "unknown"
        return "\(share.version) (\(CellText.number(share.percent))%\(state == "ready" ? "" : ", " + state))"
    }

    /// ` (loading)` or ` (failed)` after a version that is not ready.
    private static func stateSuffix(_ deployment: DeploymentStatus, _ label: String) -> String {
        let state = deployment.version(label)?.state ?? "unknown"
        return state == "ready" ? "" : " (\(state))"
    }
}
