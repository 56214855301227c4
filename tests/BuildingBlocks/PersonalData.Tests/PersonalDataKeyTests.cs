using StudentBase.PersonalData;

namespace StudentBase.PersonalData.Tests;

public class PersonalDataKeyTests
{
    private static readonly Guid Subject = Guid.Parse("0196f0c4-1111-7000-8000-000000000001");

    [Fact]
    public void a_value_sealed_with_the_subjects_key_reads_back_with_it_and_shows_nothing_of_itself()
    {
        var key = PersonalDataKey.NewFor(Subject);

        var sealedName = key.Protect("Daniel Smith");

        sealedName.ShouldNotContain("Daniel");
        key.Reveal(sealedName).ShouldBe("Daniel Smith");
    }

    [Fact]
    public void the_same_value_sealed_twice_differs_so_equal_values_cannot_be_matched() =>
        PersonalDataKey.NewFor(Subject).Protect("Daniel Smith").ShouldNotBe(PersonalDataKey.NewFor(Subject).Protect("Daniel Smith"));

    [Fact]
    public void another_subjects_key_reads_nothing() =>
        PersonalDataKey.NewFor(Guid.NewGuid()).Reveal(PersonalDataKey.NewFor(Subject).Protect("Daniel Smith")).ShouldBeNull();

    [Fact]
    public void once_the_key_is_erased_nothing_sealed_with_it_can_be_read_and_nothing_more_is_sealed()
    {
        var sealedName = PersonalDataKey.NewFor(Subject).Protect("Daniel Smith");
        var erased = new PersonalDataKey { Id = Subject, ErasedAt = DateTimeOffset.UtcNow };

        erased.Reveal(sealedName).ShouldBeNull();
        Should.Throw<InvalidOperationException>(() => erased.Protect("Daniel Smith"));
    }

    [Theory]
    [InlineData("Daniel Smith")]
    [InlineData("")]
    [InlineData(null)]
    public void a_value_that_was_never_sealed_reads_as_nothing(string? stored) =>
        PersonalDataKey.NewFor(Subject).Reveal(stored).ShouldBeNull();

    [Theory]
    [InlineData("GB9876543", "******543")]
    [InlineData("AB12", "*B12")]
    [InlineData("AB", "**")]
    public void masking_shows_only_the_last_characters(string value, string masked) =>
        PersonalDataKeys.Mask(value).ShouldBe(masked);
}
