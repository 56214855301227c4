using StudentBase.Contracts;
using StudentBase.Webhooks.Subscriptions;

namespace StudentBase.Webhooks.Tests;

public class ChoosingRecipients
{
    private static readonly Guid University = Guid.NewGuid();
    private static readonly Guid Station = Guid.NewGuid();
    private static readonly Guid Student = Guid.NewGuid();

    private static readonly NotificationAudience Audience = new(University, Station, Student, PartnerRole.ExitEntryOfficer);

    [Theory]
    [InlineData(PartnerRole.BaseAdministrator, null, true)]
    [InlineData(PartnerRole.ExitEntryOfficer, null, true)]
    [InlineData(PartnerRole.Finance, null, false)]
    [InlineData(PartnerRole.Analyst, null, false)]
    [InlineData(PartnerRole.University, "university", true)]
    [InlineData(PartnerRole.University, "another", false)]
    [InlineData(PartnerRole.Company, "station", true)]
    [InlineData(PartnerRole.Company, "university", false)]
    [InlineData(PartnerRole.Applicant, "student", true)]
    [InlineData(PartnerRole.Applicant, "another", false)]
    public void a_notification_reaches_the_base_its_subjects_own_partners_and_the_roles_it_names(PartnerRole role, string? scope, bool reaches) =>
        Audience.Reaches(role, scope switch
        {
            "university" => University,
            "station" => Station,
            "student" => Student,
            "another" => Guid.NewGuid(),
            _ => null,
        }).ShouldBe(reaches);

    private static WebhookSubscription Subscribed(DateTimeOffset at, params string[] types) => WebhookSubscription.Create(new WebhookSubscribed(
        Guid.NewGuid(), "xmu", PartnerRole.University, University, "https://sis.example/hooks", types, WebhookSignature.NewSecret(), at));

    private static PartnerNotification Notification(string type) =>
        new(type, Student, $"/api/students/{Student}", new NotificationAudience(UniversityId: University, StudentId: Student), new Dictionary<string, Guid>());

    [Fact]
    public void a_subscription_wants_only_its_types_from_the_moment_it_was_made_until_it_is_deleted()
    {
        var at = DateTimeOffset.UtcNow;
        var subscription = Subscribed(at, "student.registered");

        subscription.Wants(Notification("student.registered"), at.AddSeconds(1)).ShouldBeTrue();
        subscription.Wants(Notification("student.corrected"), at.AddSeconds(1)).ShouldBeFalse();
        subscription.Wants(Notification("student.registered"), at.AddSeconds(-1)).ShouldBeFalse();

        subscription.Apply(new WebhookSubscriptionDeleted(subscription.Id, at.AddMinutes(1)));
        subscription.Wants(Notification("student.registered"), at.AddMinutes(2)).ShouldBeFalse();
    }

    [Fact]
    public void after_a_rotation_both_secrets_sign_until_the_grace_period_ends_then_only_the_new_one()
    {
        var at = DateTimeOffset.UtcNow;
        var subscription = Subscribed(at, "student.registered");
        var previous = subscription.Secret;

        var rotated = WebhookSubscription.Decide.RotateSecret(subscription, "whsec_bmV3", TimeSpan.FromHours(24), at);
        subscription.Apply((WebhookSecretRotated)rotated.Events.ShouldHaveSingleItem());

        subscription.SecretsAt(at.AddHours(23)).ShouldBe(["whsec_bmV3", previous]);
        subscription.SecretsAt(at.AddHours(25)).ShouldBe(["whsec_bmV3"]);
    }

    [Fact]
    public void the_platform_disables_only_an_active_subscription_and_resuming_enables_it_again()
    {
        var at = DateTimeOffset.UtcNow;
        var subscription = Subscribed(at, "student.registered");

        var disabled = WebhookSubscription.Decide.Disable(subscription, "kept failing", at);
        disabled.Events.ShouldHaveSingleItem().ShouldBeOfType<WebhookSubscriptionDisabled>();
        subscription.Apply((WebhookSubscriptionDisabled)disabled.Events[0]);
        WebhookSubscription.Decide.Disable(subscription, "again", at).Events.ShouldBeEmpty();
        WebhookSubscription.Decide.Pause(subscription, at).Refusal.ShouldNotBeNull().Rule.ShouldBe("only-an-active-subscription-is-paused");

        WebhookSubscription.Decide.Resume(subscription, at).Events.ShouldHaveSingleItem().ShouldBeOfType<WebhookSubscriptionResumed>();
    }
}
