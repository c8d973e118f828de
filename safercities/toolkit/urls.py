app_name = "toolkit"
urlpatterns: list = []
