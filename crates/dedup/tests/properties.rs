//! Properties of signatures and near-duplicate detection.

use dedup::{NUM_HASHES, NearDuplicates, Signature, signature, similarity};
use proptest::prelude::*;

fn words() -> impl Strategy<Value = String> {
    proptest::collection::vec("(le|la|armée|russe|the|war|война|и|55|000|,|«|»)", 0..40)
        .prop_map(|w| w.join(" "))
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![".{0,200}", words()]
}

proptest! {
    #[test]
    fn signature_is_a_function_of_the_text(t in text()) {
        let s = signature(&t);
        prop_assert_eq!(s.0.len(), NUM_HASHES);
        prop_assert_eq!(&signature(&t.clone()), &s);
        prop_assert_eq!(Signature::from_bytes(&s.to_bytes()), Some(s.clone()));
        prop_assert_eq!(similarity(&s, &s), 1.0);
    }

    #[test]
    fn similarity_is_symmetric_and_bounded(a in text(), b in text()) {
        let (sa, sb) = (signature(&a), signature(&b));
        let s = similarity(&sa, &sb);
        prop_assert!((0.0..=1.0).contains(&s));
        prop_assert_eq!(s, similarity(&sb, &sa));
    }

    #[test]
    fn case_and_punctuation_do_not_matter(t in words()) {
        let noisy = format!("— {} !", t.to_uppercase().replace(' ', " , "));
        prop_assert_eq!(signature(&noisy), signature(&t.to_lowercase()));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Some(s) = Signature::from_bytes(&bytes) {
            let _ = similarity(&s, &signature("un texte"));
            let _ = NearDuplicates::new().insert(1, &s);
        }
    }
}

/// The values behind stored signatures: a change here is a format change.
#[test]
fn signature_values_are_pinned() {
    let s = signature("Près de 100 000 Russes sont entrés au Kazakhstan.");
    assert_eq!(&s.0[..4], &PINNED);
}
const PINNED: [u32; 4] = [880857824, 8958080, 302177623, 532496399];

/// A wire copied by two hundred outlets, each copy altered a little more: every copy is found,
/// and the original is the one reported.
#[test]
fn much_copied_wire() {
    let wire = include_str!("../test_data/copies/en-wire.txt");
    let mut near = NearDuplicates::new();
    assert_eq!(near.insert(0, &signature(wire)), None);
    for i in 1..200u64 {
        let copy = format!("By Outlet {i}\n{}\nCopyright outlet {i}", wire);
        assert_eq!(near.insert(i, &signature(&copy)), Some(0), "copy {i}");
    }
}
