/// A model could not be evaluated on the given inputs; the message names the node and the problem.
struct RuntimeError: Error, Equatable, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    static func node(_ node: Node, _ detail: String) -> Self {
        Self("\(node.qualifiedName) node '\(node.name)': \(detail)")
    }
}
