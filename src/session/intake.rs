//! Collecting a profile's bytes as they stream in (a download in the web engine), within a
//! size limit.
//!
//! Consumes chunks of bytes and, optionally, the size a server announced (`Content-Length`);
//! produces the bytes, or [`TooLarge`] as soon as the bytes received pass the limit: the
//! download can be cancelled there, without ever holding more than the limit. The announced
//! size is a hint and never an allocation: capacity grows from what actually arrived
//! (doubling), and lands on the announced size only once the bytes received are within a
//! factor of two of it. A server that announces a gigabyte and sends ten bytes costs ten
//! bytes (and a minimum step), one that announces the truth costs one exact allocation at the
//! end. Pure: no I/O; the web layer feeds it (`web::sources`).

/// The first capacity reserved, and the smallest growth step.
const MIN_STEP: usize = 1 << 20;

/// More bytes than the limit allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge {
    /// How many bytes there are at least (announced, or received so far).
    pub size: u64,
    /// The limit, in bytes.
    pub limit: u64,
}

/// Bytes received so far; see the module docs.
#[derive(Debug)]
pub struct Intake {
    bytes: Vec<u8>,
    limit: u64,
    announced: Option<u64>,
}

impl Intake {
    /// Starts collecting up to `limit` bytes; `announced` is what the sender says it will
    /// send. Refused at once when that is already over the limit. Allocates nothing yet.
    pub fn new(limit: u64, announced: Option<u64>) -> Result<Self, TooLarge> {
        if let Some(size) = announced.filter(|&a| a > limit) {
            return Err(TooLarge { size, limit });
        }
        Ok(Intake {
            bytes: Vec::new(),
            limit,
            announced,
        })
    }

    /// Appends a chunk of `len` bytes, which `fill` writes into the slice it is given (so a
    /// browser's buffer is copied once, straight into place). Fails, before allocating, when
    /// the total would pass the limit; the bytes so far stay as they were.
    pub fn push(&mut self, len: usize, fill: impl FnOnce(&mut [u8])) -> Result<(), TooLarge> {
        let total = self.len().saturating_add(len as u64);
        if total > self.limit {
            return Err(TooLarge {
                size: total,
                limit: self.limit,
            });
        }
        // Within the limit, which is itself at most a tab's memory: fits in usize.
        let need = usize::try_from(total).map_err(|_| TooLarge {
            size: total,
            limit: self.limit,
        })?;
        self.reserve_for(need);
        let start = self.bytes.len();
        self.bytes.resize(need, 0);
        fill(&mut self.bytes[start..]);
        Ok(())
    }

    /// Bytes received so far.
    pub fn len(&self) -> u64 {
        self.bytes.len() as u64
    }

    /// Whether nothing has arrived yet.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Bytes reserved (what the intake costs in memory).
    pub fn capacity(&self) -> usize {
        self.bytes.capacity()
    }

    /// The size to report as the total: the announced size, or what arrived when more did
    /// (a server compressing on the fly announces fewer bytes than arrive).
    pub fn expected(&self) -> u64 {
        self.announced.unwrap_or(0).max(self.len())
    }

    /// The bytes received.
    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }

    /// Makes room for `need` bytes (`need` ≤ the limit): double what is reserved, or land on
    /// the announced size when that is between `need` and the doubled size.
    fn reserve_for(&mut self, need: usize) {
        if need <= self.bytes.capacity() {
            return;
        }
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
        let doubled = self
            .bytes
            .capacity()
            .saturating_mul(2)
            .max(MIN_STEP)
            .max(need)
            .min(limit.max(need));
        let announced = self.announced.and_then(|a| usize::try_from(a).ok());
        let target = match announced {
            Some(a) if a >= need && a <= doubled => a,
            _ => doubled,
        };
        self.bytes.reserve_exact(target - self.bytes.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: usize = 1 << 20;

    fn feed(intake: &mut Intake, total: usize, chunk: usize) -> Result<(), TooLarge> {
        let mut sent = 0;
        while sent < total {
            let n = chunk.min(total - sent);
            intake.push(n, |s| s.fill(7))?;
            sent += n;
        }
        Ok(())
    }

    #[test]
    fn an_announced_size_over_the_limit_is_refused_at_once() {
        let e = Intake::new(100, Some(101)).expect_err("over");
        assert_eq!(
            e,
            TooLarge {
                size: 101,
                limit: 100
            }
        );
        assert!(Intake::new(100, Some(100)).is_ok());
    }

    #[test]
    fn a_lying_content_length_costs_only_what_arrives() {
        // Announces a gigabyte, sends ten bytes.
        let mut intake = Intake::new(1 << 30, Some(1 << 30)).expect("within");
        intake
            .push(10, |s| s.copy_from_slice(b"0123456789"))
            .expect("fits");
        assert!(intake.capacity() <= MIB, "{}", intake.capacity());
        assert_eq!(intake.finish(), b"0123456789");
        // Sends 3 MiB of the gigabyte: at most twice what arrived is reserved.
        let mut intake = Intake::new(1 << 30, Some(1 << 30)).expect("within");
        feed(&mut intake, 3 * MIB, 64 << 10).expect("fits");
        assert!(intake.capacity() <= 6 * MIB, "{}", intake.capacity());
    }

    #[test]
    fn a_truthful_content_length_ends_in_one_exact_allocation() {
        let size = 5 * MIB + 123;
        let mut intake = Intake::new(1 << 30, Some(size as u64)).expect("within");
        feed(&mut intake, size, 64 << 10).expect("fits");
        assert_eq!(intake.capacity(), size);
        assert_eq!(intake.expected(), size as u64);
        assert_eq!(intake.finish().len(), size);
    }

    #[test]
    fn passing_the_limit_while_streaming_fails_before_allocating() {
        let limit = 3 * MIB as u64 + 5;
        let mut intake = Intake::new(limit, None).expect("no size announced");
        let e = feed(&mut intake, 4 * MIB, 1 << 20).expect_err("over the limit");
        assert_eq!(
            e,
            TooLarge {
                size: 4 * MIB as u64,
                limit
            }
        );
        assert_eq!(
            intake.len(),
            3 * MIB as u64,
            "the refused chunk was not added"
        );
        assert!(intake.capacity() as u64 <= limit, "{}", intake.capacity());
        // Exactly the limit is fine.
        let mut intake = Intake::new(limit, None).expect("ok");
        feed(&mut intake, limit as usize, 1 << 20).expect("exactly the limit");
        assert_eq!(intake.len(), limit);
    }

    #[test]
    fn a_server_that_sends_more_than_it_announced_is_read_within_the_limit() {
        let mut intake = Intake::new(64 * MIB as u64, Some(1000)).expect("within");
        feed(&mut intake, 2 * MIB + 1, 4096).expect("within the limit");
        assert_eq!(intake.len(), 2 * MIB as u64 + 1);
        assert_eq!(intake.expected(), 2 * MIB as u64 + 1);
    }
}
