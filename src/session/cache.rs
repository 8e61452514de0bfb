//! A small most-recently-used cache: the session's computed views, keyed by their query.

/// At most `cap` entries; a hit moves the entry to the back, the front is evicted first.
#[derive(Debug)]
pub(super) struct Recent<K, V> {
    cap: usize,
    items: Vec<(K, V)>,
}

impl<K: PartialEq + Clone, V> Recent<K, V> {
    pub(super) fn new(cap: usize) -> Self {
        Self {
            cap,
            items: Vec::new(),
        }
    }

    /// Forgets every entry.
    pub(super) fn clear(&mut self) {
        self.items.clear();
    }

    /// The entry for `key`, made with `make` when absent (an error is passed on and nothing
    /// is stored).
    pub(super) fn get_or_try<E>(
        &mut self,
        key: &K,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<&mut V, E> {
        let found = self.items.iter().position(|(k, _)| k == key);
        let entry = match found {
            Some(i) => self.items.remove(i),
            None => (key.clone(), make()?),
        };
        self.items.push(entry);
        if self.items.len() > self.cap {
            self.items.remove(0);
        }
        let last = self.items.len() - 1;
        Ok(&mut self.items[last].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evicts_the_least_recently_used() {
        let mut c: Recent<u32, u32> = Recent::new(2);
        let ok = |v: u32| move || Ok::<u32, ()>(v);
        assert_eq!(*c.get_or_try(&1, ok(10)).expect("made"), 10);
        c.get_or_try(&2, ok(20)).expect("made");
        assert_eq!(*c.get_or_try(&1, ok(99)).expect("cached"), 10);
        c.get_or_try(&3, ok(30)).expect("made");
        assert_eq!(*c.get_or_try(&2, ok(21)).expect("remade"), 21);
        assert!(c.get_or_try(&4, || Err(())).is_err());
        assert_eq!(*c.get_or_try(&1, ok(11)).expect("evicted"), 11);
    }
}
