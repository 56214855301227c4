using StudentBase.PersonalData;

namespace StudentBase.PersonalData.Tests;

public class PersonalDataProtectorTests
{
    [Theory]
    [InlineData("GB9876543", "******543")]
    [InlineData("AB12", "*B12")]
    [InlineData("AB", "**")]
    public void masking_shows_only_the_last_characters(string value, string masked) =>
        PersonalDataProtector.Mask(value).ShouldBe(masked);
}
