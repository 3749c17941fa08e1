"""Tree ensembles to ONNX, written from the trees themselves.

We build the TreeEnsembleRegressor ourselves instead of using a converter package so that the
graph is exactly the tree dump the TypeScript TreeSHAP reads (trees.json), in doubles
(money in minor units overflows float32's exact integers), with LightGBM's own missing-value
routing. The tests compare the ONNX output with LightGBM's predictions row by row.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import onnx
from onnx import TensorProto, helper

ML_OPSET = 3
OPSET = 17


@dataclass
class Ensemble:
    """Parallel node arrays in ONNX's TreeEnsemble layout."""

    tree_ids: list[int] = field(default_factory=list)
    node_ids: list[int] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    features: list[int] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    true_ids: list[int] = field(default_factory=list)
    false_ids: list[int] = field(default_factory=list)
    missing_true: list[int] = field(default_factory=list)
    target_tree_ids: list[int] = field(default_factory=list)
    target_node_ids: list[int] = field(default_factory=list)
    target_ids: list[int] = field(default_factory=list)
    target_weights: list[float] = field(default_factory=list)

    def split(self, tree: int, node: int, feature: int, threshold: float, true_id: int, false_id: int, missing_goes_true: bool) -> None:
        self.tree_ids.append(tree)
        self.node_ids.append(node)
        self.modes.append("BRANCH_LEQ")
        self.features.append(feature)
        self.values.append(threshold)
        self.true_ids.append(true_id)
        self.false_ids.append(false_id)
        self.missing_true.append(1 if missing_goes_true else 0)

    def leaf(self, tree: int, node: int, target: int, weight: float) -> None:
        self.tree_ids.append(tree)
        self.node_ids.append(node)
        self.modes.append("LEAF")
        self.features.append(0)
        self.values.append(0.0)
        self.true_ids.append(0)
        self.false_ids.append(0)
        self.missing_true.append(0)
        self.target_tree_ids.append(tree)
        self.target_node_ids.append(node)
        self.target_ids.append(target)
        self.target_weights.append(weight)


def lightgbm_ensemble(dump: dict) -> tuple[Ensemble, int]:
    """LightGBM's dump_model() as ONNX node arrays; returns the ensemble and its number of outputs."""
    outputs = max(1, int(dump.get("num_tree_per_iteration", 1)))
    ensemble = Ensemble()
    for tree_index, info in enumerate(dump["tree_info"]):
        target = tree_index % outputs
        counter = [0]

        def visit(node: dict) -> int:
            node_id = counter[0]
            counter[0] += 1
            if "leaf_value" in node:
                ensemble.leaf(tree_index, node_id, target, float(node["leaf_value"]))
                return node_id
            if node["decision_type"] != "<=":
                raise ValueError("categorical splits are not exported: features are coded numerically before training")
            threshold = float(node["threshold"])
            missing = node["missing_type"]
            if missing == "NaN":
                goes_left = bool(node["default_left"])
            elif missing == "None":
                goes_left = 0.0 <= threshold  # LightGBM reads NaN as 0 when the feature had no missing values
            else:
                raise ValueError("zero_as_missing trees are not exported")
            # Reserve this node's slot first so ids stay pre-order, then fill children.
            slot = len(ensemble.modes)
            ensemble.split(tree_index, node_id, int(node["split_feature"]), threshold, -1, -1, goes_left)
            left = visit(node["left_child"])
            right = visit(node["right_child"])
            ensemble.true_ids[slot] = left
            ensemble.false_ids[slot] = right
            return node_id

        visit(info["tree_structure"])
    return ensemble, outputs


def regressor_node(ensemble: Ensemble, outputs: int, input_name: str, output_name: str, base: list[float] | None = None) -> onnx.NodeProto:
    return helper.make_node(
        "TreeEnsembleRegressor",
        [input_name],
        [output_name],
        domain="ai.onnx.ml",
        n_targets=outputs,
        aggregate_function="SUM",
        post_transform="NONE",
        nodes_treeids=ensemble.tree_ids,
        nodes_nodeids=ensemble.node_ids,
        nodes_modes=ensemble.modes,
        nodes_featureids=ensemble.features,
        nodes_values_as_tensor=helper.make_tensor("nodes_values", TensorProto.DOUBLE, [len(ensemble.values)], ensemble.values),
        nodes_truenodeids=ensemble.true_ids,
        nodes_falsenodeids=ensemble.false_ids,
        nodes_missing_value_tracks_true=ensemble.missing_true,
        nodes_hitrates_as_tensor=helper.make_tensor("nodes_hitrates", TensorProto.DOUBLE, [len(ensemble.values)], [1.0] * len(ensemble.values)),
        target_treeids=ensemble.target_tree_ids,
        target_nodeids=ensemble.target_node_ids,
        target_ids=ensemble.target_ids,
        target_weights_as_tensor=helper.make_tensor("target_weights", TensorProto.DOUBLE, [len(ensemble.target_weights)], ensemble.target_weights),
        base_values_as_tensor=helper.make_tensor("base_values", TensorProto.DOUBLE, [outputs], base or [0.0] * outputs),
    )


def model(nodes: list[onnx.NodeProto], features: int, outputs: dict[str, int], name: str, initializers: list[onnx.TensorProto] | None = None) -> onnx.ModelProto:
    graph = helper.make_graph(
        nodes,
        name,
        [helper.make_tensor_value_info("features", TensorProto.DOUBLE, [None, features])],
        [helper.make_tensor_value_info(out, TensorProto.DOUBLE, [None, width]) for out, width in outputs.items()],
        initializer=initializers or [],
    )
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid("ai.onnx.ml", ML_OPSET)], producer_name="credence-models")
    m.ir_version = 8
    onnx.checker.check_model(m)
    return m


def lightgbm_onnx(dump: dict, features: int, name: str) -> onnx.ModelProto:
    """Binary: margin and probability (sigmoid). Multiclass: margin and probabilities (softmax)."""
    ensemble, outputs = lightgbm_ensemble(dump)
    # TreeEnsembleRegressor (ai.onnx.ml 3) compares in the input's doubles but emits float32:
    # routing is exact, the summed margin carries float32 rounding (~1e-7 relative).
    nodes = [regressor_node(ensemble, outputs, "features", "margin_f32"), helper.make_node("Cast", ["margin_f32"], ["margin"], to=TensorProto.DOUBLE)]
    if outputs == 1:
        nodes.append(helper.make_node("Sigmoid", ["margin"], ["probability"]))
        return model(nodes, features, {"margin": 1, "probability": 1}, name)
    nodes.append(helper.make_node("Softmax", ["margin"], ["probabilities"], axis=1))
    return model(nodes, features, {"margin": outputs, "probabilities": outputs}, name)


def run(model_proto: onnx.ModelProto, x: np.ndarray) -> dict[str, np.ndarray]:
    import onnxruntime as ort

    session = ort.InferenceSession(model_proto.SerializeToString(), providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    return dict(zip(names, session.run(names, {"features": np.ascontiguousarray(x, dtype=np.float64)})))
