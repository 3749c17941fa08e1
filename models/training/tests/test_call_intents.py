"""The call-intent set and features: what models/call-intents/featurize.ts is held to, and a split that never leaks a template or a near-duplicate of one."""
import unittest

from credence_models.call_intents.dataset import LABELS, NEAR_DUPLICATE, T, families, generate, jaccard, template_words
from credence_models.call_intents.featurize import features, tokens
from credence_models.call_intents.train import split_groups


class CallIntentsTest(unittest.TestCase):
    def test_tokens_as_the_runtime_reads_them(self):
        self.assertEqual(tokens("I'll pay ₹2,500 on the 15th"), ["ill", "pay", "0", "0", "on", "the", "15th"])
        self.assertEqual(tokens("मैं कल ५००० दूंगा"), ["मैं", "कल", "0", "दूंगा"])
        self.assertEqual(list(features("stop it"))[:3], ["w:stop", "w:it", "b:stop it"])

    def test_every_intent_has_a_few_hundred_examples_and_negatives(self):
        rows = generate(11)
        for label in LABELS:
            self.assertGreaterEqual(sum(1 for r in rows if label in r["labels"]), 200, label)
        self.assertGreaterEqual(sum(1 for r in rows if not r["labels"]), 500)

    def test_held_out_templates_are_never_in_training(self):
        rows = generate(11)
        test = split_groups(rows, 11)
        train_groups = {r["group"] for r in rows if r["group"] not in test}
        self.assertFalse(train_groups & test)
        for label in LABELS + ["none"]:
            held = {r["group"] for r in rows if r["group"] in test and (r["labels"][:1] or ["none"])[0] == label}
            self.assertGreater(len(held), 0, label)

    def test_no_held_out_template_is_a_near_duplicate_of_a_training_one(self):
        rows = generate(11)
        for seed in (11, "11/0", "11/4"):
            test = split_groups(rows, seed)
            train = {r["group"] for r in rows} - test
            self.assertFalse({r["family"] for r in rows if r["group"] in test} & {r["family"] for r in rows if r["group"] in train})
            words = {g: template_words(T[g][1]) for g in range(len(T))}
            self.assertLess(max(jaccard(words[a], words[b]) for a in test for b in train), NEAR_DUPLICATE)

    def test_near_duplicate_wordings_are_one_family(self):
        fam = families([([], "{open}stop calling me"), ([], "{open}{reason}, please stop calling me"), ([], "{open}I never took any loan from you")])
        self.assertEqual(fam[0], fam[1])
        self.assertNotEqual(fam[0], fam[2])


if __name__ == "__main__":
    unittest.main()
