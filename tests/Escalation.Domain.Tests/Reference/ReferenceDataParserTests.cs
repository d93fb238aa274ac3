namespace Escalation.Domain.Tests.Reference;

public class ReferenceDataParserTests
{
    private static readonly string[] Units =
    [
        Unit("SC", "county"),
        Unit("SC-T01", "township", "SC"),
        Unit("SC-T01-V01", "village", "SC-T01"),
        Unit("SC-T01-V01-G01", "grid", "SC-T01-V01"),
        Unit("SC-S01", "street", "SC"),
        Unit("SC-S01-C01", "community", "SC-S01"),
        Unit("SC-S01-C01-G01", "grid", "SC-S01-C01"),
    ];

    private static readonly string[] Departments = [Department("D-UM", "M-01"), Department("D-PS", "M-01", "M-02")];

    private static readonly string[] Catalogue = [Matter("M-01", departments: "D-UM"), Matter("M-02", departments: "D-PS")];

    private static readonly string[] Users =
    [
        User("op-01", "operator", "SC"),
        User("disp-SC-T01", "dispatcher", "SC-T01"),
        User("dept-D-UM", "department", "D-UM"),
    ];

    private static string Unit(string code, string kind, string? parent = null) => parent is null
        ? $$"""{"code": "{{code}}", "nameZh": "单位", "nameEn": "Unit", "kind": "{{kind}}"}"""
        : $$"""{"code": "{{code}}", "nameZh": "单位", "nameEn": "Unit", "kind": "{{kind}}", "parentCode": "{{parent}}"}""";

    private static string Department(string code, params string[] powers) =>
        $$"""{"code": "{{code}}", "nameZh": "部门", "nameEn": "Department", "powers": {{Codes(powers)}}}""";

    private static string Matter(
        string code,
        string departments = "D-UM",
        string domain = "\"workSafety\"",
        string level = "1",
        string firstTier = "\"village\"",
        string timeLimit = "\"general\"") =>
        $$"""
        {"code": "{{code}}", "nameZh": "事项", "nameEn": "Matter", "domain": {{domain}}, "level": {{level}},
         "firstTier": {{firstTier}}, "departments": {{Codes(departments.Split(','))}}, "timeLimit": {{timeLimit}}}
        """;

    private static string User(string id, string role, string unitCode) =>
        $$"""{"id": "{{id}}", "nameZh": "用户", "nameEn": "User", "role": "{{role}}", "unitCode": "{{unitCode}}"}""";

    private static string Codes(IEnumerable<string> codes) => $"[{string.Join(", ", codes.Select(c => $"\"{c}\""))}]";

    private static string Document(
        string[]? units = null, string[]? departments = null, string[]? catalogue = null, string[]? users = null) =>
        $$"""
        {
          "version": "test",
          "units": [{{string.Join(",\n", units ?? Units)}}],
          "departments": [{{string.Join(",\n", departments ?? Departments)}}],
          "catalogue": [{{string.Join(",\n", catalogue ?? Catalogue)}}],
          "users": [{{string.Join(",\n", users ?? Users)}}]
        }
        """;

    private static IReadOnlyList<string> ErrorsOf(string json) =>
        Should.Throw<ReferenceDataException>(() => ReferenceDataParser.Parse(json)).Errors;

    [Fact]
    public void a_small_valid_county_parses()
    {
        var data = ReferenceDataParser.Parse(Document());

        data.Version.ShouldBe("test");
        data.County.Code.ShouldBe("SC");
        data.Units.Count.ShouldBe(7);
        data.Departments.Count.ShouldBe(2);
        data.Catalogue.Count.ShouldBe(2);
        data.Users.Count.ShouldBe(3);
    }

    [Fact]
    public void users_may_be_left_out()
    {
        const string json = """
            {
              "version": "test",
              "units": [{"code": "SC", "nameZh": "县", "nameEn": "County", "kind": "county"}],
              "departments": [],
              "catalogue": []
            }
            """;

        ReferenceDataParser.Parse(json).Users.ShouldBeEmpty();
    }

    [Fact]
    public void malformed_json_is_reported_with_its_one_based_line()
    {
        const string json = """
            {
              "version": "test",
              "units": [
                {"code": "SC" "kind": "county"}
              ]
            }
            """;

        ErrorsOf(json).ShouldHaveSingleItem().ShouldStartWith("malformed JSON at line 4, byte 19 ($.units[0]):");
    }

    [Fact]
    public void an_empty_file_is_reported_as_malformed_at_line_one()
    {
        ErrorsOf("").ShouldHaveSingleItem().ShouldStartWith("malformed JSON at line 1, byte 1");
    }

    [Fact]
    public void a_null_document_is_rejected()
    {
        ErrorsOf("null").ShouldBe(["the document is null, expected an object"]);
    }

    [Fact]
    public void a_value_of_the_wrong_type_is_reported_as_malformed_with_its_line_and_path()
    {
        const string json = """
            {
              "version": "test",
              "units": [{"code": "SC", "nameZh": "县", "nameEn": "County", "kind": "county"}],
              "departments": [],
              "catalogue": [
                {"code": "M-01", "level": "two"}
              ]
            }
            """;

        var error = ErrorsOf(json).ShouldHaveSingleItem();

        error.ShouldStartWith("malformed JSON at line 6, byte ");
        error.ShouldContain("($.catalogue[0].level)");
    }

    [Fact]
    public void a_missing_version_is_rejected()
    {
        ErrorsOf(Document().Replace("\"version\": \"test\",", "", StringComparison.Ordinal)).ShouldBe(["version is missing"]);
    }

    [Fact]
    public void a_missing_section_is_rejected()
    {
        const string json = """{"version": "test", "units": [{"code": "SC", "nameZh": "县", "nameEn": "County", "kind": "county"}], "catalogue": []}""";

        ErrorsOf(json).ShouldBe(["departments are missing"]);
    }

    [Fact]
    public void a_null_entry_is_rejected_naming_its_index()
    {
        ErrorsOf(Document(users: [.. Users, "null"])).ShouldBe(["users[3] is null"]);
    }

    [Fact]
    public void a_blank_required_field_is_rejected_naming_the_entry_code_and_the_field()
    {
        var json = Document(units: [.. Units, """{"code": "SC-T02", "nameZh": " ", "kind": "township", "parentCode": "SC"}"""]);

        ErrorsOf(json).ShouldBe(["unit SC-T02: nameZh is missing", "unit SC-T02: nameEn is missing"]);
    }

    [Fact]
    public void an_entry_without_a_code_is_named_by_its_index()
    {
        var json = Document(catalogue: [.. Catalogue, """{"nameZh": "事项", "nameEn": "Matter", "domain": "workSafety", "level": 1, "firstTier": "village", "departments": [], "timeLimit": "general"}"""]);

        ErrorsOf(json).ShouldBe(["catalogue[2]: code is missing"]);
    }

    [Fact]
    public void an_unknown_unit_kind_is_rejected_naming_the_unit()
    {
        ErrorsOf(Document(units: [.. Units, Unit("SC-X01", "district", "SC")]))
            .ShouldBe(["unit SC-X01: kind 'district' is unknown (expected one of county, township, street, village, community, grid)"]);
    }

    [Fact]
    public void enum_values_are_camel_case_exactly()
    {
        ErrorsOf(Document(units: [.. Units, Unit("SC-T02", "Township", "SC")]))
            .ShouldHaveSingleItem().ShouldStartWith("unit SC-T02: kind 'Township' is unknown");
    }

    [Fact]
    public void an_unknown_domain_is_rejected_naming_the_matter()
    {
        ErrorsOf(Document(catalogue: [Matter("M-01", domain: "\"traffic\""), Catalogue[1]]))
            .ShouldHaveSingleItem().ShouldStartWith("matter M-01: domain 'traffic' is unknown");
    }

    [Fact]
    public void an_unknown_first_tier_is_rejected_naming_the_matter()
    {
        ErrorsOf(Document(catalogue: [Matter("M-01", firstTier: "\"province\""), Catalogue[1]]))
            .ShouldHaveSingleItem().ShouldStartWith("matter M-01: firstTier 'province' is unknown");
    }

    [Fact]
    public void an_unknown_time_limit_is_rejected_naming_the_matter()
    {
        ErrorsOf(Document(catalogue: [Matter("M-01", timeLimit: "\"urgent\""), Catalogue[1]]))
            .ShouldHaveSingleItem().ShouldStartWith("matter M-01: timeLimit 'urgent' is unknown");
    }

    [Fact]
    public void an_unknown_role_is_rejected_naming_the_user()
    {
        ErrorsOf(Document(users: [.. Users, User("boss", "mayor", "SC")]))
            .ShouldHaveSingleItem().ShouldStartWith("user boss: role 'mayor' is unknown");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void a_level_other_than_one_two_or_three_is_rejected_naming_the_matter(int level)
    {
        ErrorsOf(Document(catalogue: [Matter("M-01", level: $"{level}"), Catalogue[1]]))
            .ShouldBe([$"matter M-01: level {level} is not 1, 2 or 3"]);
    }

    [Fact]
    public void a_duplicate_unit_code_is_rejected()
    {
        ErrorsOf(Document(units: [.. Units, Unit("SC-T01", "township", "SC")])).ShouldBe(["unit SC-T01 appears 2 times"]);
    }

    [Fact]
    public void a_duplicate_department_code_is_rejected()
    {
        ErrorsOf(Document(departments: [.. Departments, Department("D-UM")])).ShouldBe(["department D-UM appears 2 times"]);
    }

    [Fact]
    public void a_duplicate_matter_code_is_rejected()
    {
        ErrorsOf(Document(catalogue: [.. Catalogue, Matter("M-02")])).ShouldBe(["matter M-02 appears 2 times"]);
    }

    [Fact]
    public void a_duplicate_user_id_is_rejected()
    {
        ErrorsOf(Document(users: [.. Users, User("op-01", "auditor", "SC")])).ShouldBe(["user op-01 appears 2 times"]);
    }

    [Fact]
    public void codes_are_unique_per_list_so_a_department_may_share_a_code_with_a_unit()
    {
        Should.NotThrow(() => ReferenceDataParser.Parse(Document(units: [.. Units, Unit("D-UM", "township", "SC")])));
    }

    [Fact]
    public void a_unit_with_an_unknown_parent_is_rejected_naming_its_code()
    {
        ErrorsOf(Document(units: [.. Units, Unit("SC-T01-V09", "village", "SC-T99")]))
            .ShouldBe(["unit SC-T01-V09: parent SC-T99 is unknown"]);
    }

    [Fact]
    public void a_unit_other_than_the_county_without_a_parent_is_rejected()
    {
        ErrorsOf(Document(units: [.. Units, Unit("SC-T02", "township")])).ShouldBe(["unit SC-T02: parentCode is missing"]);
    }

    [Fact]
    public void a_township_under_another_township_is_rejected()
    {
        ErrorsOf(Document(units: [.. Units, Unit("SC-T02", "township", "SC-T01")]))
            .ShouldBe(["unit SC-T02: a township cannot sit under township SC-T01"]);
    }

    [Fact]
    public void a_village_directly_under_the_county_is_rejected()
    {
        ErrorsOf(Document(units: [.. Units, Unit("SC-V01", "village", "SC")]))
            .ShouldBe(["unit SC-V01: a village cannot sit under county SC"]);
    }

    [Fact]
    public void a_grid_under_a_township_is_rejected()
    {
        ErrorsOf(Document(units: [.. Units, Unit("SC-T01-G01", "grid", "SC-T01")]))
            .ShouldBe(["unit SC-T01-G01: a grid cannot sit under township SC-T01"]);
    }

    [Fact]
    public void a_village_may_sit_under_a_street_and_a_community_under_a_township()
    {
        var json = Document(units: [.. Units, Unit("SC-S01-V01", "village", "SC-S01"), Unit("SC-T01-C01", "community", "SC-T01")]);

        Should.NotThrow(() => ReferenceDataParser.Parse(json));
    }

    [Fact]
    public void a_file_without_a_county_is_rejected()
    {
        ErrorsOf(Document(units: [Unit("SC-T01", "township", "SC")], users: []))
            .ShouldBe(["there is no unit of kind county", "unit SC-T01: parent SC is unknown"]);
    }

    [Fact]
    public void a_file_with_two_counties_is_rejected_naming_both()
    {
        ErrorsOf(Document(units: [.. Units, Unit("XC", "county")])).ShouldBe(["there is more than one county: SC, XC"]);
    }

    [Fact]
    public void a_county_with_a_parent_is_rejected()
    {
        ErrorsOf(Document(units: [Unit("SC", "county", "SC-T01"), .. Units[1..]]))
            .ShouldContain("unit SC: the county cannot have a parent (SC-T01)");
    }

    [Fact]
    public void a_cycle_in_the_parent_chain_is_rejected_naming_its_units()
    {
        var json = Document(units: [.. Units, Unit("SC-V08", "village", "SC-V09"), Unit("SC-V09", "village", "SC-V08")]);

        ErrorsOf(json).ShouldContain("units SC-V08 → SC-V09 → SC-V08 form a cycle in the parent chain");
    }

    [Fact]
    public void a_unit_that_is_its_own_parent_is_a_cycle()
    {
        ErrorsOf(Document(units: [.. Units, Unit("SC-V08", "village", "SC-V08")]))
            .ShouldContain("units SC-V08 → SC-V08 form a cycle in the parent chain");
    }

    [Fact]
    public void a_faulty_unit_is_not_reported_again_as_the_unknown_parent_of_its_children()
    {
        var json = Document(units: [.. Units, Unit("SC-T02", "borough", "SC"), Unit("SC-T02-V01", "village", "SC-T02")]);

        ErrorsOf(json).ShouldHaveSingleItem().ShouldStartWith("unit SC-T02: kind 'borough' is unknown");
    }

    [Fact]
    public void a_department_power_over_a_matter_not_in_the_catalogue_is_rejected()
    {
        ErrorsOf(Document(departments: [.. Departments, Department("D-FR", "M-01", "M-99")]))
            .ShouldBe(["department D-FR: power M-99 is not in the catalogue"]);
    }

    [Fact]
    public void a_matter_summoning_an_unknown_department_is_rejected()
    {
        ErrorsOf(Document(catalogue: [Matter("M-01", departments: "D-UM,D-XX"), Catalogue[1]]))
            .ShouldBe(["matter M-01: department D-XX is unknown"]);
    }

    [Fact]
    public void a_matter_no_department_has_power_over_is_rejected()
    {
        ErrorsOf(Document(catalogue: [.. Catalogue, Matter("M-03")]))
            .ShouldBe(["matter M-03: no department has power over it"]);
    }

    [Fact]
    public void a_user_at_an_unknown_unit_is_rejected()
    {
        ErrorsOf(Document(users: [.. Users, User("disp-SC-T09", "dispatcher", "SC-T09")]))
            .ShouldBe(["user disp-SC-T09: unit SC-T09 is unknown"]);
    }

    [Fact]
    public void a_department_handler_must_name_a_department()
    {
        ErrorsOf(Document(users: [.. Users, User("dept-SC-T01", "department", "SC-T01")]))
            .ShouldBe(["user dept-SC-T01: a department handler's unitCode SC-T01 is not a department"]);
    }

    [Fact]
    public void a_user_of_another_role_cannot_name_a_department()
    {
        ErrorsOf(Document(users: [.. Users, User("disp-D-UM", "dispatcher", "D-UM")]))
            .ShouldBe(["user disp-D-UM: unit D-UM is unknown"]);
    }

    [Fact]
    public void a_dispatcher_cannot_sit_at_a_grid()
    {
        ErrorsOf(Document(users: [.. Users, User("disp-G01", "dispatcher", "SC-T01-V01-G01")]))
            .ShouldBe(["user disp-G01: a dispatcher sits at a village, community, township, street or the county, not at grid SC-T01-V01-G01"]);
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("auditor")]
    [InlineData("administrator")]
    public void operators_auditors_and_administrators_belong_to_the_county(string role)
    {
        ErrorsOf(Document(users: [.. Users, User("someone", role, "SC-T01")]))
            .ShouldBe([$"user someone: an {role} belongs to the county, not to SC-T01"]);
    }

    [Fact]
    public void every_problem_is_reported_at_once_and_the_message_lists_them()
    {
        var json = Document(
            units: [.. Units, Unit("SC-T01-V09", "village", "SC-T99")],
            catalogue: [.. Catalogue, Matter("M-03", level: "7")],
            users: [.. Users, User("op-01", "operator", "SC")]);

        var exception = Should.Throw<ReferenceDataException>(() => ReferenceDataParser.Parse(json));

        exception.Errors.ShouldBe(
        [
            "unit SC-T01-V09: parent SC-T99 is unknown",
            "matter M-03: level 7 is not 1, 2 or 3",
            "matter M-03: no department has power over it",
            "user op-01 appears 2 times",
        ]);
        exception.Message.ShouldBe(
            "The county reference data is invalid:\n- unit SC-T01-V09: parent SC-T99 is unknown\n- matter M-03: level 7 is not 1, 2 or 3"
            + "\n- matter M-03: no department has power over it\n- user op-01 appears 2 times");
    }
}
