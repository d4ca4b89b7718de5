//! Entity names from any text: keys and slugs are never empty and stay lowercase ASCII.

#![no_main]

use doc::EntityLabel;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(name) = std::str::from_utf8(data) else {
        return;
    };
    for key in [
        resolve::name_key(name),
        resolve::key_for(name, EntityLabel::Per),
        resolve::key_for(name, EntityLabel::Loc),
        resolve::slug(name),
    ] {
        assert!(!key.is_empty());
        assert!(
            key.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{key:?}"
        );
    }
});
