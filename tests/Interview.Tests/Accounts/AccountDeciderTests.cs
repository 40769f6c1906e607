using Interview.Domain.Accounts;
using Shouldly;

namespace Interview.Tests.Accounts;

public sealed class AccountDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly AccountPolicy Policy = new(3, TimeSpan.FromMinutes(15), TimeSpan.FromDays(14), TimeSpan.FromHours(24));

    private static Account Verified(params object[] events)
    {
        var account = Account.Create(new UserSignedUp(Guid.NewGuid(), "a@example.com", "a@example.com", "A", "hash", "token", Now.AddDays(-1)));
        account = account.Apply(new EmailVerified(account.Id, Now.AddDays(-1)));
        foreach (var e in events) account = (Account)typeof(Account).GetMethod("Apply", [e.GetType()])!.Invoke(account, [e])!;
        return account;
    }

    private static Account Fold(Account account, IEnumerable<object> events) =>
        events.Aggregate(account, (state, e) => (Account)typeof(Account).GetMethod("Apply", [e.GetType()])!.Invoke(state, [e])!);

    [Fact]
    public void the_failure_that_reaches_the_limit_locks_the_account()
    {
        var account = Verified();
        for (var i = 1; i < Policy.MaxFailedLogins; i++)
        {
            var decision = AccountDecider.Login(account, false, Policy, Guid.NewGuid(), "r", Now);
            decision.Events.Single().ShouldBe(new LoginFailed(account.Id, i, Now));
            account = Fold(account, decision.Events);
        }
        var last = AccountDecider.Login(account, false, Policy, Guid.NewGuid(), "r", Now);
        last.Events.OfType<AccountLockedOut>().Single().LockedUntil.ShouldBe(Now + Policy.LockoutDuration);
        account = Fold(account, last.Events);

        var locked = AccountDecider.Login(account, true, Policy, Guid.NewGuid(), "r", Now.AddMinutes(14));
        locked.Outcome.ShouldBe(LoginOutcome.LockedOut);
        locked.Events.ShouldBeEmpty();

        var after = AccountDecider.Login(account, true, Policy, Guid.NewGuid(), "r", Now.AddMinutes(15));
        after.Outcome.ShouldBe(LoginOutcome.LoggedIn);
        after.Events.Select(e => e.GetType()).ShouldBe([typeof(AccountLockoutEnded), typeof(UserLoggedIn)]);
    }

    [Fact]
    public void a_success_resets_the_count_of_failures()
    {
        var account = Verified(new LoginFailed(Guid.Empty, 2, Now));
        account = Fold(account, AccountDecider.Login(account, true, Policy, Guid.NewGuid(), "r", Now).Events);
        account.FailedLogins.ShouldBe(0);
    }

    [Fact]
    public void an_unknown_account_appends_nothing()
    {
        AccountDecider.Login(null, false, Policy, Guid.NewGuid(), "r", Now).ShouldBe(new LoginDecision(LoginOutcome.WrongCredentials, []), 
            new LoginDecisionComparer());
    }

    [Fact]
    public void reusing_a_rotated_refresh_token_revokes_its_session_only()
    {
        var account = Verified();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        account = Fold(account, AccountDecider.Login(account, true, Policy, a, "a0", Now).Events);
        account = Fold(account, AccountDecider.Login(account, true, Policy, b, "b0", Now).Events);
        account = Fold(account, AccountDecider.Refresh(account, "a0", "a1", Policy, Now).Events);

        var replay = AccountDecider.Refresh(account, "a0", "a2", Policy, Now);
        replay.Outcome.ShouldBe(RefreshOutcome.Reused);
        replay.Events.Single().ShouldBe(new SessionRevoked(account.Id, a, SessionEndReason.RefreshTokenReused, Now));
        account = Fold(account, replay.Events);

        AccountDecider.Refresh(account, "a1", "a3", Policy, Now).Outcome.ShouldBe(RefreshOutcome.Invalid);
        AccountDecider.Refresh(account, "b0", "b1", Policy, Now).Outcome.ShouldBe(RefreshOutcome.Rotated);
    }

    [Fact]
    public void a_password_change_or_a_new_role_moves_the_security_version()
    {
        var account = Verified();
        account = Fold(account, AccountDecider.Login(account, true, Policy, Guid.NewGuid(), "r", Now).Events);
        account = Fold(account, AccountDecider.GrantRole(account, Roles.Coach, null, Now).Events);
        account.SecurityVersion.ShouldBe(1);
        AccountDecider.GrantRole(account, Roles.Coach, null, Now).Events.ShouldBeEmpty();
        account = Fold(account, AccountDecider.ChangePassword(account, true, "new-hash", Now).Events);
        account.SecurityVersion.ShouldBe(2);
        account.Sessions.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("name@example.com", true)]
    [InlineData("first.last+tag@sub.example.co.uk", true)]
    [InlineData("a@b", false)]
    [InlineData("a@b.c", false)]
    [InlineData("a@localhost", false)]
    [InlineData("a.@example.com", false)]
    [InlineData("a@example..com", false)]
    [InlineData("a@example.com-", false)]
    public void email_addresses_need_a_real_syntax_and_a_dot_in_the_domain(string email, bool valid) =>
        AccountRules.IsEmail(email).ShouldBe(valid);

    private sealed class LoginDecisionComparer : IEqualityComparer<LoginDecision>
    {
        public bool Equals(LoginDecision? x, LoginDecision? y) => x!.Outcome == y!.Outcome && x.Events.SequenceEqual(y.Events);
        public int GetHashCode(LoginDecision obj) => obj.Outcome.GetHashCode();
    }

    [Fact]
    public void erasure_needs_the_password_from_the_user_but_not_from_an_admin_and_happens_once()
    {
        var account = Verified(new UserLoggedIn(Guid.Empty, Guid.NewGuid(), "r", Now.AddDays(1), Now));
        AccountDecider.Erase(account, false, null, Now).Rejection!.Status.ShouldBe(400);
        var own = AccountDecider.Erase(account, true, null, Now);
        own.Events.Single().ShouldBe(new AccountErased(account.Id, null, Now));
        var admin = Guid.NewGuid();
        AccountDecider.Erase(account, false, admin, Now).Events.Single().ShouldBe(new AccountErased(account.Id, admin, Now));

        var erased = Fold(account, own.Events);
        erased.Sessions.ShouldBeEmpty();
        AccountDecider.Erase(erased, true, null, Now).Events.ShouldBeEmpty();
        AccountDecider.Login(erased, true, Policy, Guid.NewGuid(), "r", Now).Outcome.ShouldBe(LoginOutcome.WrongCredentials);
    }
}
