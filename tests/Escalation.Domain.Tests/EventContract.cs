using System.Text.RegularExpressions;

namespace Escalation.Domain.Tests;

public class EventContract
{
    public static TheoryData<Type> Events => [.. EventTypes.All];

    [Theory]
    [MemberData(nameof(Events))]
    public void every_event_says_which_ticket_who_and_when(Type eventType) =>
        eventType.IsAssignableTo(typeof(ITicketEvent)).ShouldBeTrue();

    [Theory]
    [MemberData(nameof(Events))]
    public void every_event_is_immutable(Type eventType) =>
        eventType.GetProperties().ShouldAllBe(p => p.SetMethod == null || p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Length > 0);

    [Fact]
    public void rule_codes_are_distinct_and_kebab_case()
    {
        var codes = typeof(RuleCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();

        codes.ShouldBeUnique();
        codes.ShouldAllBe(code => Regex.IsMatch(code, "^[a-z]+(-[a-z]+)*$"));
    }
}
