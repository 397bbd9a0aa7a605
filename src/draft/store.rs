//! The storage a draft lives in, as the draft rules see it: a few calls
//! that may each fail, and nothing else.
//!
//! The page's bridge implements [`Store`] over the browser's Web Storage
//! (`sessionStorage`, `localStorage`); [`MemoryStore`] is the same in
//! memory, with faults to order, for the native tests and the fuzzer.

/// Why a call to a store failed, as the person is told it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// There is no such storage here (no browser window, no
    /// `sessionStorage` at all).
    Unavailable,
    /// The browser refuses it (`SecurityError`: storage blocked, a
    /// sandboxed frame, some private modes).
    Security,
    /// The storage is full (`QuotaExceededError`).
    Quota,
    /// Our own keys for values set aside are all taken (see
    /// `config::MAX_DRAFT_SET_ASIDE`): nothing more is moved.
    Crowded,
    /// Anything else the storage threw.
    Other,
}

impl Fault {
    /// Its name in an error's values (`reason`).
    pub fn reason(self) -> &'static str {
        match self {
            Fault::Unavailable => "unavailable",
            Fault::Security => "security",
            Fault::Quota => "quota",
            Fault::Crowded => "crowded",
            Fault::Other => "other",
        }
    }
}

/// A key–value storage of text, as Web Storage is.
pub trait Store {
    /// The value of `key`; `None` when there is none.
    fn get(&self, key: &str) -> Result<Option<String>, Fault>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), Fault>;
    /// Removes `key`; removing a key that is not there is no fault.
    fn remove(&mut self, key: &str) -> Result<(), Fault>;
    /// Every key in the store.
    fn keys(&self) -> Result<Vec<String>, Fault>;
}

/// A store in memory, with faults to order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemoryStore {
    /// The keys and values, in the order they were first set.
    pub items: Vec<(String, String)>,
    /// Every call fails with this (a storage that is not there, or blocked).
    pub fault: Option<Fault>,
    /// `get` and `keys` fail with this.
    pub read_fault: Option<Fault>,
    /// `set` fails with this.
    pub write_fault: Option<Fault>,
    /// `remove` answers that it removed, but the value stays (to show that
    /// clearing is checked by reading back).
    pub sticky: bool,
    /// Most bytes of keys and values held, as a browser's quota; `set`
    /// beyond it fails with [`Fault::Quota`].
    pub quota: Option<usize>,
}

impl MemoryStore {
    /// A store holding these keys and values.
    pub fn with(items: &[(&str, &str)]) -> MemoryStore {
        MemoryStore {
            items: items
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..MemoryStore::default()
        }
    }

    /// A store whose every call fails with `fault`.
    pub fn failing(fault: Fault) -> MemoryStore {
        MemoryStore {
            fault: Some(fault),
            ..MemoryStore::default()
        }
    }

    /// The value of `key`, without faults: for tests.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn check(&self, extra: Option<Fault>) -> Result<(), Fault> {
        match self.fault.or(extra) {
            Some(f) => Err(f),
            None => Ok(()),
        }
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, Fault> {
        self.check(self.read_fault)?;
        Ok(self.value(key).map(str::to_string))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), Fault> {
        self.check(self.write_fault)?;
        let held: usize = self
            .items
            .iter()
            .filter(|(k, _)| k != key)
            .map(|(k, v)| k.len() + v.len())
            .sum();
        if self
            .quota
            .is_some_and(|q| held + key.len() + value.len() > q)
        {
            return Err(Fault::Quota);
        }
        match self.items.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value.to_string(),
            None => self.items.push((key.to_string(), value.to_string())),
        }
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), Fault> {
        self.check(None)?;
        if !self.sticky {
            self.items.retain(|(k, _)| k != key);
        }
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, Fault> {
        self.check(self.read_fault)?;
        Ok(self.items.iter().map(|(k, _)| k.clone()).collect())
    }
}
