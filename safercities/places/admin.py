from django.contrib import admin

from safercities.places.models import City, Country, District, InformalSettlement


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "asia_pacific"]
    list_filter = ["asia_pacific"]
    search_fields = ["code", "name"]


class DistrictInline(admin.TabularInline):
    model = District
    extra = 0


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "local_name", "country", "population", "is_pilot"]
    list_filter = ["is_pilot", "country"]
    search_fields = ["name", "local_name"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [DistrictInline]


@admin.register(InformalSettlement)
class InformalSettlementAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "district", "estimated_population"]
    list_filter = ["city"]
    search_fields = ["name", "local_name"]
