import Hummingbird

/// The admin API's answers: deployments as JSON.
///
/// ```json
/// {"name": "churn", "primary": "3", "canary": {"version": "4", "percent": 10}, "shadow": null,
///  "previous": "2", "sticky_header": "x-user-id", "ready": true,
///  "versions": [{"version": "2", "source": "models:/churn/2", "state": "ready", "role": "previous"}, ...]}
/// ```
///
/// `error` appears on a version that failed to load, `role` on a version that has one.
enum AdminResponses {
    /// `{"deployments": [...]}`.
    static func deployments(_ deployments: [Deployment]) -> Response {
        ServingResponses.object { writer in
            writer.raw("{")
            writer.field("deployments")
            writer.array(deployments) { writer, deployment in write(deployment, to: &writer) }
            writer.raw("}")
        }
    }

    /// One deployment.
    static func deployment(_ deployment: Deployment) -> Response {
        ServingResponses.object { writer in write(deployment, to: &writer) }
    }

    static func write(_ deployment: Deployment, to writer: inout JSONWriter) {
        writer.raw("{")
        writer.field("name")
        writer.string(deployment.name)
        writer.field("primary")
        writer.string(deployment.primary)
        writer.field("canary")
        write(deployment.canary, to: &writer)
        writer.field("shadow")
        write(deployment.shadow, to: &writer)
        writer.field("previous")
        write(deployment.previous, to: &writer)
        writer.field("sticky_header")
        write(deployment.stickyHeader, to: &writer)
        writer.field("ready")
        writer.bool(deployment.isReady)
        writer.field("versions")
        writer.array(deployment.versions) { writer, version in
            writer.raw("{")
            writer.field("version")
            writer.string(version.version)
            writer.field("source")
            writer.string(version.source.description)
            writer.field("state")
            writer.string(version.stateName)
            if let failure = version.failure {
                writer.field("error")
                writer.string(failure)
            }
            if let role = deployment.role(of: version.version) {
                writer.field("role")
                writer.string(role)
            }
            writer.raw("}")
        }
        writer.raw("}")
    }

    private static func write(_ share: TrafficShare?, to writer: inout JSONWriter) {
        guard let share else { return writer.raw("null") }
        writer.raw("{")
        writer.field("version")
        writer.string(share.version)
        writer.field("percent")
        writer.double(share.percent)
        writer.raw("}")
    }

    private static func write(_ text: String?, to writer: inout JSONWriter) {
        guard let text else { return writer.raw("null") }
        writer.string(text)
    }
}
