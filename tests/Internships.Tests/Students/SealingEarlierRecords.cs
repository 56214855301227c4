using Alba;
using Internships.Students.GettingStudent;
using Internships.Students.SealingEarlierRecords;
using Microsoft.AspNetCore.Http;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Testing;
using Wolverine.Http;

namespace Internships.Tests.Students;

/// <summary>A deployment upgraded from a version that kept students' names in clear seals them with one command.</summary>
public class SealingEarlierRecords(InternshipsFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<Guid> RegisterInClearAsync(string name)
    {
        var created = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(Given.NominationOf(PartnerKeys.XiamenUniversity, name)).ToUrl("/api/students");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        var id = created.ReadAsJson<NewResource<Guid>>().Id;
        await fixture.Host.StoreNameInClearAsync(id, name, Cancellation);
        return id;
    }

    private Task<IScenarioResult> SealAsync(string key = PartnerKeys.Operator) =>
        fixture.Host.Scenario(x =>
        {
            x.As(key).Post.Json(new { limit = 5000 }).ToUrl("/api/students/personal-data-sealing");
            x.StatusCodeShouldBeOk();
        });

    [Fact]
    public async Task names_kept_in_clear_are_sealed_readable_by_the_base_and_their_keys_shared_with_the_other_services()
    {
        var name = $"Canary {Guid.NewGuid():N}";
        var id = await RegisterInClearAsync(name);
        (await fixture.Host.TablesContainingAsync(name, Cancellation)).ShouldNotBeEmpty();
        foreach (var feed in new[] { $"/api/history/events?stream={id}", $"/api/history/events.ndjson?stream={id}" })
        {
            var before = await fixture.Host.Scenario(x => x.As(PartnerKeys.Analyst).Get.Url(feed));
            (await before.ReadAsTextAsync()).ShouldNotContain(name, customMessage: "a name still in clear is masked as personal data");
        }

        var result = await SealAsync();

        result.ReadAsJson<EarlierRecordsSealed>().Values.ShouldBeGreaterThanOrEqualTo(1);
        (await fixture.Host.TablesContainingAsync(name, Cancellation)).ShouldBeEmpty();
        foreach (var inbox in new[] { Queues.EventsInbox, Queues.SubsidiesInbox })
        {
            (await fixture.Host.InInboxAsync<PersonalDataKeyShared>(inbox, shared => shared.SubjectId == id && shared.SealEarlierCopies)).ShouldHaveSingleItem();
        }

        var student = (await fixture.Host.Scenario(x => x.As(PartnerKeys.BaseAdministrator).Get.Url($"/api/students/{id}"))).ReadAsJson<StudentDetails>();
        student.FullName.ShouldBe(name);
    }

    [Fact]
    public async Task an_erased_students_clear_name_is_sealed_by_the_erasure_with_a_key_nobody_keeps()
    {
        var name = $"Canary {Guid.NewGuid():N}";
        var id = await RegisterInClearAsync(name);

        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(new { reason = "request" }).ToUrl($"/api/students/{id}/erasure");
            x.StatusCodeShouldBeOk();
        });

        (await fixture.Host.TablesContainingAsync(name, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task sealing_again_finds_nothing_left_to_seal_for_a_sealed_student()
    {
        var name = $"Canary {Guid.NewGuid():N}";
        var id = await RegisterInClearAsync(name);
        await SealAsync(PartnerKeys.BaseAdministrator);

        await SealAsync();

        await fixture.Host.RelayCaughtUpAsync();
        (await fixture.Host.InInboxAsync<PersonalDataKeyShared>(Queues.EventsInbox, shared => shared.SubjectId == id && shared.SealEarlierCopies))
            .ShouldHaveSingleItem();
        var student = (await fixture.Host.Scenario(x => x.As(PartnerKeys.BaseAdministrator).Get.Url($"/api/students/{id}"))).ReadAsJson<StudentDetails>();
        student.FullName.ShouldBe(name);
    }
}
