use greenroom::prelude::*;

#[derive(Debug, PartialEq)]
struct Overdraft { missing: u64 }

#[actor]
struct Account { balance: u64 }

#[actor]
impl Account {
    #[handler]
    fn withdraw(&mut self, amount: u64) -> Result<u64, Overdraft> {
        self.balance = self.balance.checked_sub(amount).ok_or_else(|| Overdraft { missing: amount - self.balance })?;
        Ok(self.balance)
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), greenroom::Error> {
    let account = Account { balance: 10 }.spawn();
    assert_eq!(account.withdraw(4).await?, Ok(6));
    assert_eq!(account.withdraw(7).await?, Err(Overdraft { missing: 1 }));
    Ok(())
}
