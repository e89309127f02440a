//! Accounts and a teller: transfers are asks between actors, and an
//! overdraft is an ordinary `Result` reply.
//!
//! Each `Account` actor owns one balance. The `Teller` moves money with an
//! `async` handler that asks one account to withdraw and the other to
//! deposit, and puts the money back if the deposit does not happen. A reply
//! has two layers: the outer `Result` says whether the actor answered at all
//! (`greenroom::Error`), the inner one is the handler's own answer. So
//! `teller.transfer(..).await??` insists on both, and a refused transfer
//! shows as `Ok(Err(TransferError::Overdraft(..)))`.
//!
//! Run it with `cargo run --example bank`.

use std::fmt;

use greenroom::prelude::*;

/// A withdrawal larger than the balance. Nothing was taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overdraft {
    /// The owner of the account.
    pub account: String,
    /// The balance, which the withdrawal would have overdrawn.
    pub balance: u64,
    /// The amount asked for.
    pub requested: u64,
}

impl fmt::Display for Overdraft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} cannot pay {}: the balance is {}", self.account, self.requested, self.balance)
    }
}

impl std::error::Error for Overdraft {}

/// Why a transfer did not happen. In every case no money was lost: it is
/// back where it came from, or (only for [`TransferError::Stranded`]) held
/// by the teller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferError {
    /// The payer's balance is too low. Nothing moved.
    Overdraft(Overdraft),
    /// The payer's account did not answer (its actor has stopped). Nothing
    /// moved.
    PayerUnavailable(greenroom::Error),
    /// The payee's account did not take the deposit (its actor has
    /// stopped); the amount went back to the payer.
    PayeeUnavailable(greenroom::Error),
    /// Neither the payee took the deposit nor the payer the refund: the
    /// teller holds the amount.
    Stranded {
        /// The amount the teller holds.
        amount: u64,
        /// Why the refund failed.
        error: greenroom::Error,
    },
}

impl fmt::Display for TransferError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransferError::Overdraft(overdraft) => write!(f, "refused: {overdraft}"),
            TransferError::PayerUnavailable(_) => f.write_str("the payer's account is closed; nothing moved"),
            TransferError::PayeeUnavailable(_) => {
                f.write_str("the payee's account is closed; the amount went back to the payer")
            }
            TransferError::Stranded { amount, .. } => {
                write!(f, "neither account takes the money; the teller holds {amount}")
            }
        }
    }
}

impl std::error::Error for TransferError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            TransferError::Overdraft(overdraft) => Some(overdraft),
            TransferError::PayerUnavailable(error)
            | TransferError::PayeeUnavailable(error)
            | TransferError::Stranded { error, .. } => Some(error),
        }
    }
}

/// A completed transfer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Receipt {
    /// The amount moved.
    pub amount: u64,
    /// The payer's balance after the withdrawal.
    pub payer_balance: u64,
    /// The payee's balance after the deposit.
    pub payee_balance: u64,
}

/// One account and its balance. Its actor is its only owner, so two
/// withdrawals can never both spend the same money.
#[actor]
#[derive(Debug)]
pub struct Account {
    owner: String,
    balance: u64,
}

#[actor]
impl Account {
    /// Opens an account for `owner` with `balance` in it.
    pub fn open(owner: &str, balance: u64) -> AccountAddr {
        Account { owner: owner.to_owned(), balance }.spawn()
    }

    /// The owner's name.
    #[handler]
    pub fn owner(&self) -> String {
        self.owner.clone()
    }

    /// The current balance.
    #[handler]
    pub fn balance(&self) -> u64 {
        self.balance
    }

    /// Adds `amount` and returns the new balance.
    ///
    /// A balance beyond `u64::MAX` panics (before anything changes), which
    /// stops the account and answers the asker with `Error::Panicked`.
    #[handler]
    pub fn deposit(&mut self, amount: u64) -> u64 {
        self.balance = self.balance.checked_add(amount).expect("the balance exceeds u64::MAX");
        self.balance
    }

    /// Takes `amount` out and returns the new balance, or refuses with
    /// [`Overdraft`] if the balance is too low.
    #[handler]
    pub fn withdraw(&mut self, amount: u64) -> Result<u64, Overdraft> {
        match self.balance.checked_sub(amount) {
            Some(balance) => {
                self.balance = balance;
                Ok(balance)
            }
            None => Err(Overdraft { account: self.owner.clone(), balance: self.balance, requested: amount }),
        }
    }

    #[on_stop]
    fn closed(&mut self) {
        println!("  ({} closed with a balance of {})", self.owner, self.balance);
    }
}

/// What the teller has done so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TellerStats {
    /// Transfers that moved money.
    pub completed: u64,
    /// Transfers that did not.
    pub failed: u64,
    /// Money the teller holds because neither account of a transfer took it
    /// back (see [`TransferError::Stranded`]).
    pub held: u64,
}

/// Moves money between accounts, one transfer at a time.
#[actor]
#[derive(Debug, Default)]
pub struct Teller {
    stats: TellerStats,
}

#[actor]
impl Teller {
    /// Moves `amount` from `from` to `to`: asks `from` to withdraw, then `to`
    /// to deposit, and refunds `from` if the deposit does not happen.
    ///
    /// An error from an ask without a timeout means the message was not
    /// handled (`Stopped`) or its handler panicked before changing anything
    /// (`Panicked`, from `deposit`), so a failed deposit never took the money
    /// and refunding it is right.
    #[handler]
    pub async fn transfer(
        &mut self,
        from: AccountAddr,
        to: AccountAddr,
        amount: u64,
    ) -> Result<Receipt, TransferError> {
        let result = Self::move_money(&from, &to, amount).await;
        match &result {
            Ok(_) => self.stats.completed += 1,
            Err(TransferError::Stranded { amount, .. }) => {
                self.stats.failed += 1;
                self.stats.held += amount;
            }
            Err(_) => self.stats.failed += 1,
        }
        result
    }

    /// What the teller has done so far.
    #[handler]
    pub fn stats(&self) -> TellerStats {
        self.stats
    }

    async fn move_money(from: &AccountAddr, to: &AccountAddr, amount: u64) -> Result<Receipt, TransferError> {
        let payer_balance = match from.withdraw(amount).await {
            Ok(Ok(balance)) => balance,
            Ok(Err(overdraft)) => return Err(TransferError::Overdraft(overdraft)),
            Err(error) => return Err(TransferError::PayerUnavailable(error)),
        };
        let error = match to.deposit(amount).await {
            Ok(payee_balance) => return Ok(Receipt { amount, payer_balance, payee_balance }),
            Err(error) => error,
        };
        match from.deposit(amount).await {
            Ok(_) => Err(TransferError::PayeeUnavailable(error)),
            Err(error) => Err(TransferError::Stranded { amount, error }),
        }
    }
}

/// A transfer's whole reply: the outer `Result` from the runtime, the inner
/// one from the teller.
pub type TransferReply = Result<Result<Receipt, TransferError>, greenroom::Error>;

/// What the scripted session of [`run`] produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// The sum of all balances before the first transfer.
    pub opening_total: u64,
    /// Alice pays Bob 30.
    pub first: Receipt,
    /// Bob tries to pay Alice 500, more than he has.
    pub overdraft: TransferReply,
    /// Alice tries to pay Carol 20 after Carol's account closed.
    pub to_closed: TransferReply,
    /// Carol's closed account tries to pay Bob 5.
    pub from_closed: TransferReply,
    /// How many of the concurrent transfers ([`CONCURRENT`] in all) completed.
    pub concurrent_completed: usize,
    /// The final balance of each open account, by owner.
    pub balances: Vec<(String, u64)>,
    /// Carol's balance when her account closed.
    pub closed_balance: u64,
    /// The teller's counts.
    pub teller: TellerStats,
    /// Open balances, plus the closed one, plus what the teller holds.
    pub closing_total: u64,
}

/// How many transfers [`run`] makes at once, half each way between Alice and
/// Bob, 1 each.
pub const CONCURRENT: usize = 100;

/// Opens three accounts, runs a scripted series of transfers, including an
/// overdraft and transfers to and from a closed account, then
/// [`CONCURRENT`] transfers at once, and returns what happened.
///
/// # Errors
///
/// If an actor stopped unexpectedly, or a transfer that must succeed failed.
pub async fn run() -> Result<Ledger, Box<dyn std::error::Error + Send + Sync>> {
    let alice = Account::open("alice", 100);
    let bob = Account::open("bob", 50);
    let carol = Account::open("carol", 25);
    let teller = Teller::default().spawn();
    let opening_total = alice.balance().await? + bob.balance().await? + carol.balance().await?;
    println!("opened: alice 100, bob 50, carol 25 (total {opening_total})");

    // `??`: the first `?` for the runtime's error, the second for the bank's.
    let first = teller.transfer(alice.clone(), bob.clone(), 30).await??;
    println!("alice -> bob 30: done; alice has {}, bob has {}", first.payer_balance, first.payee_balance);

    let overdraft = teller.transfer(bob.clone(), alice.clone(), 500).await;
    report("bob -> alice 500", &overdraft);

    let closed_balance = carol.balance().await?;
    carol.stop();
    carol.wait_stopped().await;
    let to_closed = teller.transfer(alice.clone(), carol.clone(), 20).await;
    report("alice -> carol 20", &to_closed);
    let from_closed = teller.transfer(carol.clone(), bob.clone(), 5).await;
    report("carol -> bob 5", &from_closed);

    // Many transfers at once, from many tasks: the teller takes them one by
    // one, and the accounts never disagree with it.
    let transfers: Vec<_> = (0..CONCURRENT)
        .map(|i| {
            let (from, to) = if i % 2 == 0 { (alice.clone(), bob.clone()) } else { (bob.clone(), alice.clone()) };
            let teller = teller.clone();
            tokio::spawn(async move { teller.transfer(from, to, 1).await })
        })
        .collect();
    let mut concurrent_completed = 0;
    for transfer in transfers {
        if let Ok(Ok(_receipt)) = transfer.await? {
            concurrent_completed += 1;
        }
    }
    println!("{CONCURRENT} transfers of 1 at once, half each way: {concurrent_completed} done");

    let mut balances = Vec::new();
    for account in [&alice, &bob] {
        balances.push((account.owner().await?, account.balance().await?));
    }
    let teller_stats = teller.stats().await?;
    let closing_total = balances.iter().map(|(_, balance)| balance).sum::<u64>() + closed_balance + teller_stats.held;
    for (owner, balance) in &balances {
        println!("{owner}: {balance}");
    }
    println!("carol (closed): {closed_balance}; held by the teller: {}", teller_stats.held);
    println!(
        "teller: {} transfers done, {} refused; total {opening_total} before, {closing_total} after",
        teller_stats.completed, teller_stats.failed
    );

    // Close the bank: each account handles what it has accepted, then stops.
    for account in [&alice, &bob] {
        account.stop();
        account.wait_stopped().await;
    }
    Ok(Ledger {
        opening_total,
        first,
        overdraft,
        to_closed,
        from_closed,
        concurrent_completed,
        balances,
        closed_balance,
        teller: teller_stats,
        closing_total,
    })
}

/// Prints a transfer's outcome, layer by layer.
fn report(what: &str, reply: &TransferReply) {
    match reply {
        Ok(Ok(receipt)) => println!("{what}: done; balances {} and {}", receipt.payer_balance, receipt.payee_balance),
        Ok(Err(refused)) => println!("{what}: {refused}"),
        Err(error) => println!("{what}: the teller did not answer: {error}"),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let ledger = run().await?;
    assert_eq!(ledger.opening_total, ledger.closing_total, "money was created or lost");
    Ok(())
}
