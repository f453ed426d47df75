from django.urls import path

from repattern.profession.views import casestudies, certifier, directory, tracker

urlpatterns = [
    path("profession/", tracker.tracker, name="tracker"),
    path(
        "profession/certifications/<id:certification_id>/",
        tracker.certification_detail,
        name="certification_detail",
    ),
    path("profession/listing/", directory.listing_edit, name="listing_edit"),
    path("profession/listing/renew/", directory.listing_renew, name="listing_renew"),
    path("care-plans/<id:plan_id>/case-study/", casestudies.case_study_new, name="case_study_new"),
    path(
        "case-studies/<id:case_study_id>/",
        casestudies.case_study_detail,
        name="case_study_detail",
    ),
    path(
        "case-studies/<id:case_study_id>/case-study.pdf",
        casestudies.case_study_pdf_view,
        name="case_study_pdf",
    ),
    path(
        "case-studies/<id:case_study_id>/review/",
        casestudies.case_study_review,
        name="case_study_review",
    ),
    path("certifier/", certifier.certifier_home, name="certifier_home"),
    path(
        "certifier/certifications/<id:certification_id>/",
        certifier.certifier_grade,
        name="certifier_grade",
    ),
    path("directory/", directory.directory, name="directory"),
    path("directory/<id:listing_id>/", directory.directory_entry, name="directory_entry"),
]
