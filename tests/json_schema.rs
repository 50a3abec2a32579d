//! A small JSON Schema validator, enough for `docs/json.schema.json`: `$ref` to
//! `#/$defs/…`, `type`, `enum`, `const`, `properties`, `required`,
//! `additionalProperties`, `items`, `minItems`, `maxItems`, `minimum`, `anyOf`, `oneOf`,
//! `allOf`, and `pattern` for the one pattern the schema uses (addresses). A validator
//! crate would bring a regex engine and a dozen more crates to build on every fresh
//! clone; the schema's shape is small enough to check by hand, and an unknown keyword
//! fails loudly, so the schema cannot grow past what this checks.

use serde_json::Value;

/// The annotation keywords, which constrain nothing.
const ANNOTATIONS: &[&str] = &["$schema", "$id", "title", "description", "$defs"];

/// The address pattern, the one `pattern` the schema uses.
const ADDRESS: &str = "^0x[0-9a-f]+$";

/// Checks `value` against `schema` (a part of `root`); the errors name the JSON
/// pointer of each value that fails.
pub fn validate(root: &Value, schema: &Value, value: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(root, schema, value, "", &mut errors);
    errors
}

fn type_matches(name: &str, v: &Value) -> bool {
    match name {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_u64() || v.is_i64(),
        _ => false,
    }
}

fn check(root: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    let Some(rules) = schema.as_object() else {
        errors.push(format!("{at}: the schema here is not an object"));
        return;
    };
    for (key, rule) in rules {
        match key.as_str() {
            k if ANNOTATIONS.contains(&k) => {}
            "$ref" => {
                let target = rule
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/$defs/"))
                    .and_then(|name| root.get("$defs")?.get(name));
                match target {
                    Some(s) => check(root, s, v, at, errors),
                    None => errors.push(format!("{at}: unresolved $ref {rule}")),
                }
            }
            "type" => {
                let ok = match rule {
                    Value::String(t) => type_matches(t, v),
                    Value::Array(ts) => ts
                        .iter()
                        .filter_map(Value::as_str)
                        .any(|t| type_matches(t, v)),
                    _ => false,
                };
                if !ok {
                    errors.push(format!("{at}: {v} is not of type {rule}"));
                }
            }
            "enum" => {
                if !rule.as_array().is_some_and(|list| list.contains(v)) {
                    errors.push(format!("{at}: {v} is not one of {rule}"));
                }
            }
            "const" => {
                if rule != v {
                    errors.push(format!("{at}: {v} is not {rule}"));
                }
            }
            "pattern" => {
                if rule != ADDRESS {
                    errors.push(format!("{at}: the validator knows no pattern {rule}"));
                } else if let Some(s) = v.as_str() {
                    let digits = s.strip_prefix("0x").unwrap_or("");
                    let hex = !digits.is_empty()
                        && digits
                            .bytes()
                            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
                    if !hex {
                        errors.push(format!("{at}: {s} is not an address"));
                    }
                }
            }
            "minimum" => {
                if let (Some(n), Some(min)) = (v.as_f64(), rule.as_f64()) {
                    if n < min {
                        errors.push(format!("{at}: {n} is below {min}"));
                    }
                }
            }
            "minItems" | "maxItems" => {
                if let (Some(list), Some(bound)) = (v.as_array(), rule.as_u64()) {
                    let n = list.len() as u64;
                    if (key == "minItems" && n < bound) || (key == "maxItems" && n > bound) {
                        errors.push(format!("{at}: {n} items, {key} {bound}"));
                    }
                }
            }
            "required" => {
                if let Some(o) = v.as_object() {
                    for name in rule
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                    {
                        if !o.contains_key(name) {
                            errors.push(format!("{at}: no {name}"));
                        }
                    }
                }
            }
            "properties" => {
                if let (Some(o), Some(props)) = (v.as_object(), rule.as_object()) {
                    for (name, sub) in props {
                        if let Some(field) = o.get(name) {
                            check(root, sub, field, &format!("{at}/{name}"), errors);
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Some(o) = v.as_object() {
                    let known = rules.get("properties").and_then(Value::as_object);
                    for (name, field) in o {
                        if known.is_some_and(|k| k.contains_key(name)) {
                            continue;
                        }
                        match rule {
                            Value::Bool(false) => errors.push(format!("{at}: unexpected {name}")),
                            Value::Bool(true) => {}
                            sub => check(root, sub, field, &format!("{at}/{name}"), errors),
                        }
                    }
                }
            }
            "items" => {
                if let Some(list) = v.as_array() {
                    for (k, item) in list.iter().enumerate() {
                        check(root, rule, item, &format!("{at}/{k}"), errors);
                    }
                }
            }
            "allOf" | "anyOf" | "oneOf" => {
                let subs = rule.as_array().map(Vec::as_slice).unwrap_or_default();
                let results: Vec<Vec<String>> = subs.iter().map(|s| validate(root, s, v)).collect();
                let passed = results.iter().filter(|r| r.is_empty()).count();
                let ok = match key.as_str() {
                    "allOf" => passed == subs.len(),
                    "anyOf" => passed >= 1,
                    _ => passed == 1,
                };
                if !ok {
                    errors.push(format!(
                        "{at}: {key} fails ({passed} of {} pass)",
                        subs.len()
                    ));
                    if key == "allOf" {
                        errors.extend(results.into_iter().flatten());
                    }
                }
            }
            other => errors.push(format!("{at}: the validator knows no keyword {other}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_validator_checks_each_keyword_it_knows() {
        let root = json!({"$defs": {"a": {"type": "string", "pattern": ADDRESS}}});
        let obj = json!({
            "type": "object", "required": ["x"], "additionalProperties": false,
            "properties": {"x": {"$ref": "#/$defs/a"}, "n": {"type": "integer", "minimum": 2}}
        });
        assert!(validate(&root, &obj, &json!({"x": "0x1f"})).is_empty());
        assert_eq!(validate(&root, &obj, &json!({"x": "0x1F"})).len(), 1);
        assert_eq!(validate(&root, &obj, &json!({"x": "16"})).len(), 1);
        assert_eq!(validate(&root, &obj, &json!({"x": "0x1", "y": 1})).len(), 1);
        assert_eq!(validate(&root, &obj, &json!({"x": "0x1", "n": 1})).len(), 1);
        assert_eq!(validate(&root, &obj, &json!({})).len(), 1);
        let one = json!({"oneOf": [{"type": "integer"}, {"type": "number"}]});
        assert_eq!(validate(&root, &one, &json!(1)).len(), 1);
        assert!(validate(&root, &one, &json!(1.5)).is_empty());
        assert_eq!(validate(&root, &json!({"format": "x"}), &json!(1)).len(), 1);
    }
}
